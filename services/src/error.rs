use domain::ValidationErrors;
use domain::governance::Mode;
use domain::governance::flags::Closed;

/// The one error type of the services. The HTTP and server-function layers map it once;
/// every variant but `Database` and `Internal` is safe to show (through its Fluent key).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("validation failed: {0:?}")]
    Validation(ValidationErrors),
    #[error("not found")]
    NotFound,
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    /// A business conflict, named by a stable code such as `site-code-taken`.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("tenant suspended")]
    TenantSuspended { reason: Option<String> },
    /// The company's or the platform's emergency mode keeps this member's role out.
    #[error("closed by mode {mode:?}")]
    ModeClosed { mode: Mode, reason: Option<String> },
    /// The company's or the platform's emergency mode stops this member's changes.
    #[error("writes stopped by mode {mode:?}")]
    ModeStopsWrites { mode: Mode, reason: Option<String> },
    #[error("account disabled")]
    AccountDisabled,
    /// Too many failed sign-ins; shown only to whoever then gives the right password.
    #[error("account locked")]
    AccountLocked,
    /// A wrong, reused or malformed second-factor code.
    #[error("second factor refused")]
    SecondFactorInvalid,
    /// A single sign-on refused, named by its reason (`sso-bad-signature`, `sso-state-mismatch`…).
    #[error("single sign-on refused: {0}")]
    SsoRefused(&'static str),
    /// A REST API call whose bearer token opens nothing: missing, not ours, expired or revoked.
    #[error("API token refused: {0:?}")]
    TokenRefused(domain::governance::api_tokens::TokenRefusal),
    /// A REST API call beyond its token's scope (a change with a read token).
    #[error("beyond the token's scope")]
    TokenScope,
    /// Not enough stock: what is available and what was asked.
    #[error("insufficient stock: {available:?} available, {requested:?} requested")]
    InsufficientStock { available: domain::Quantity, requested: domain::Quantity },
    /// Too many sign-in attempts from one client address.
    #[error("too many attempts")]
    TooManyAttempts,
    /// A user recorded the company's limit of stock operations in the last minute.
    #[error("too many stock movements (limit {limit} a minute)")]
    TooManyMovements { limit: i64 },
    /// A user reached the company's limit of admin actions a minute or bulk operations an hour.
    #[error("too many {action:?} (limit {limit})")]
    RateLimited { action: domain::governance::thresholds::Limited, limit: i64 },
    /// A request body over the size limit.
    #[error("request too large")]
    TooLarge,
    /// Too many password checks are waiting for their turn (A25): try again in a moment.
    #[error("busy")]
    Busy,
    /// The feature (flag) this needs is not open to this user: off, killed, for other roles, or
    /// for a share of users they are not in yet.
    #[error("feature {flag:?} closed: {closed:?}")]
    FeatureClosed { flag: domain::Flag, closed: Closed },
    /// Closures of a kind follow each other: `expected` (a period label) comes first.
    #[error("closure out of order: {expected} first")]
    ClosureOutOfOrder { expected: String },
    /// A draft that cannot be issued: every legal mention it lacks.
    #[error("legal mentions missing: {0:?}")]
    MentionsMissing(Vec<domain::invoicing::mentions::Mention>),
    /// A mission's time not all approved: who, which day, how long, for each entry waiting.
    #[error("time not approved: {} entries", .0.len())]
    TimeUnapproved(Vec<(String, chrono::NaiveDate, u32)>),
    /// An imported file with problems (every one reported); nothing was written.
    #[error("file refused: {} problems", .0.total)]
    FileRefused(domain::csv_import::Report),
    /// The database did not answer: a connection lost or refused, no connection free in time,
    /// or SQLite's write lock held past the busy timeout. The same request will pass once it
    /// answers again; nothing was changed.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Database(sqlx::Error),
    #[error("migration error: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("internal error: {0}")]
    Internal(String),
    /// A stored value that breaks its own rules (an unknown role, a quantity out of bounds…):
    /// reported and logged, never replaced by a default.
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        if unavailable(&error) { Self::Unavailable(error.to_string()) } else { Self::Database(error) }
    }
}

/// SQLite's primary result codes of a lock held too long (BUSY, LOCKED), whatever the extended
/// code says.
const SQLITE_BUSY: i64 = 5;
const SQLITE_LOCKED: i64 = 6;
/// PostgreSQL's SQLSTATEs of a server going away or not taking connections: its class 08
/// (connection exception), an administrator's or a crash's shutdown, a start not finished, too
/// many connections.
const POSTGRES_GONE: [&str; 4] = ["57P01", "57P02", "57P03", "53300"];

/// Whether the database failed to answer rather than refused the statement: worth a "try
/// again" (503), not an internal error.
fn unavailable(error: &sqlx::Error) -> bool {
    match error {
        // Protocol: the peer broke off mid-conversation (a server going down, a proxy closing
        // the connection it had just accepted).
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::WorkerCrashed => true,
        // A PostgreSQL SQLSTATE has five characters; a SQLite (extended) result code, four digits
        // at most.
        sqlx::Error::Database(db) => match db.code() {
            Some(state) if state.len() == 5 => state.starts_with("08") || POSTGRES_GONE.contains(&state.as_ref()),
            Some(code) => code.parse::<i64>().is_ok_and(|c| matches!(c & 0xff, SQLITE_BUSY | SQLITE_LOCKED)),
            None => false,
        },
        _ => false,
    }
}

impl AppError {
    pub fn field(field: &str, code: &str) -> Self {
        let mut errors = ValidationErrors::new();
        errors.add(field, code);
        Self::Validation(errors)
    }

    /// A refusal of a database trigger whose message starts with one of `codes` (`code: why`)
    /// becomes that conflict; any other database error stays one.
    pub fn raised(error: sqlx::Error, codes: &[&'static str]) -> Self {
        if let sqlx::Error::Database(db) = &error
            && let Some(code) = codes.iter().find(|c| db.message().contains(&format!("{c}:")))
        {
            return Self::Conflict(code);
        }
        Self::from(error)
    }

    /// A stored value that breaks its rules: `what` names the table and column.
    pub fn corrupt(what: impl std::fmt::Display, value: impl std::fmt::Debug) -> Self {
        Self::Corrupt(format!("{what} = {value:?}"))
    }

    /// What the error says besides its code, for the reader's message.
    pub fn detail(&self) -> Option<domain::ErrorDetail> {
        use domain::ErrorDetail;
        match self {
            Self::TenantSuspended { reason }
            | Self::ModeClosed { reason, .. }
            | Self::ModeStopsWrites { reason, .. } => reason.clone().map(|text| ErrorDetail::Reason { text }),
            Self::InsufficientStock { available, requested } => {
                Some(ErrorDetail::Shortage { available: *available, requested: *requested })
            }
            Self::TooManyMovements { limit } | Self::RateLimited { limit, .. } => {
                Some(ErrorDetail::Limit { limit: *limit })
            }
            Self::FileRefused(report) => Some(ErrorDetail::Rows { errors: report.errors.clone(), total: report.total }),
            Self::MentionsMissing(missing) => Some(ErrorDetail::Mentions { missing: missing.clone() }),
            Self::TimeUnapproved(entries) => Some(ErrorDetail::Unapproved { entries: entries.clone() }),
            Self::ClosureOutOfOrder { expected } => Some(ErrorDetail::Reason { text: expected.clone() }),
            Self::FeatureClosed { closed: Closed::Killed(reason), .. } => {
                Some(ErrorDetail::Reason { text: reason.clone() })
            }
            _ => None,
        }
    }

    /// The fields refused, for a validation error.
    pub fn fields(&self) -> &[domain::FieldError] {
        match self {
            Self::Validation(errors) => &errors.0,
            _ => &[],
        }
    }

    /// The stable code shown to clients; the UI turns it into a translated message.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Validation(_) => "validation",
            Self::NotFound => "not-found",
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden => "forbidden",
            Self::Conflict(code) => code,
            Self::InvalidCredentials => "invalid-credentials",
            Self::TenantSuspended { .. } => "tenant-suspended",
            Self::ModeClosed { mode, .. } => mode.closed_code(),
            Self::ModeStopsWrites { mode, .. } => mode.writes_code(),
            Self::AccountDisabled => "account-disabled",
            Self::AccountLocked => "account-locked",
            Self::SecondFactorInvalid => "second-factor-invalid",
            Self::TooManyAttempts => "too-many-attempts",
            Self::TooManyMovements { .. } => "too-many-movements",
            Self::RateLimited { action, .. } => action.refusal_code(),
            Self::FeatureClosed { closed, .. } => closed.code(),
            Self::FileRefused(_) => "file-refused",
            Self::MentionsMissing(_) => "mentions-missing",
            Self::TimeUnapproved(_) => "time-unapproved",
            Self::ClosureOutOfOrder { .. } => "closure-out-of-order",
            Self::Busy => "busy",
            Self::Unavailable(_) => "unavailable",
            Self::TooLarge => "too-large",
            Self::SsoRefused(reason) => reason,
            Self::TokenRefused(refusal) => refusal.code(),
            Self::TokenScope => "token-scope",
            Self::InsufficientStock { .. } => "insufficient-stock",
            Self::Database(_) | Self::Migration(_) | Self::Internal(_) | Self::Corrupt(_) => "internal",
        }
    }

    /// The HTTP status for this error.
    pub fn status(&self) -> u16 {
        match self {
            Self::Validation(_) | Self::FileRefused(_) | Self::MentionsMissing(_) => 422,
            Self::NotFound => 404,
            Self::Unauthenticated
            | Self::InvalidCredentials
            | Self::SecondFactorInvalid
            | Self::SsoRefused(_)
            | Self::TokenRefused(_) => 401,
            Self::TooManyAttempts | Self::TooManyMovements { .. } | Self::RateLimited { .. } => 429,
            Self::Forbidden
            | Self::TokenScope
            | Self::FeatureClosed { .. }
            | Self::TenantSuspended { .. }
            | Self::ModeClosed { .. }
            | Self::AccountDisabled
            | Self::AccountLocked => 403,
            Self::Conflict(_)
            | Self::InsufficientStock { .. }
            | Self::ClosureOutOfOrder { .. }
            | Self::TimeUnapproved(_) => 409,
            // Locked: the same request will pass once the mode is lifted.
            Self::ModeStopsWrites { .. } => 423,
            Self::Busy | Self::Unavailable(_) => 503,
            Self::TooLarge => 413,
            Self::Database(_) | Self::Migration(_) | Self::Internal(_) | Self::Corrupt(_) => 500,
        }
    }

    pub fn is_internal(&self) -> bool {
        self.status() == 500
    }
}

impl From<ValidationErrors> for AppError {
    fn from(errors: ValidationErrors) -> Self {
        Self::Validation(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::AppError;

    #[test]
    fn a_database_that_does_not_answer_is_unavailable_not_internal() {
        for gone in [
            sqlx::Error::PoolTimedOut,
            sqlx::Error::PoolClosed,
            sqlx::Error::Io(std::io::ErrorKind::ConnectionReset.into()),
        ] {
            let error = AppError::from(gone);
            assert_eq!((error.code(), error.status()), ("unavailable", 503), "{error:?}");
        }
        let refused = AppError::from(sqlx::Error::RowNotFound);
        assert_eq!((refused.code(), refused.status()), ("internal", 500));
    }
}
