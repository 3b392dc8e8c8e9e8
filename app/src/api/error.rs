use domain::{ErrorDetail, FieldError};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// The error of every server function: a stable code (shown through its Fluent key
/// `error-<code>`), the invalid fields, and what else the message needs (the reason a company
/// was suspended, the quantities of a shortage).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    #[serde(default)]
    pub fields: Vec<FieldError>,
    #[serde(default)]
    pub detail: Option<ErrorDetail>,
}

impl ApiError {
    pub fn new(code: &str) -> Self {
        Self { code: code.to_owned(), fields: Vec::new(), detail: None }
    }

    /// A service's error as the client sees it: its code, fields and detail, nothing internal.
    /// Server functions convert with `From<AppError>` (`api::ssr::failure`), which also logs
    /// and sets the status; the HTTP layer answers with this same body.
    #[cfg(feature = "ssr")]
    pub fn of(error: &services::AppError) -> Self {
        Self { code: error.code().to_owned(), fields: error.fields().to_vec(), detail: error.detail() }
    }

    /// The refusal of a member whose role an emergency mode keeps out, with its reason.
    pub fn mode_closed(closed: &domain::governance::ModeState) -> Self {
        let detail = closed.reason.clone().map(|text| ErrorDetail::Reason { text });
        Self { code: closed.mode.closed_code().to_owned(), fields: Vec::new(), detail }
    }

    /// Why a feature is closed to the reader (a kill switch with its reason).
    pub fn feature_closed(closed: &domain::governance::flags::Closed) -> Self {
        let detail = match closed {
            domain::governance::flags::Closed::Killed(reason) => Some(ErrorDetail::Reason { text: reason.clone() }),
            _ => None,
        };
        Self { code: closed.code().to_owned(), fields: Vec::new(), detail }
    }

    /// The error code of one field, if that field was refused.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|f| f.field == name).map(|f| f.code.as_str())
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code)
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    /// Failures before or after our code runs: a request the server cannot read (malformed,
    /// missing fields, too large) is the client's fault (400); a response that never arrived
    /// is the network's; anything else is ours.
    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        match error {
            // The body was cut at the size limit while being read (the HTTP layer answers a
            // body declared too large itself).
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::Deserialization(message)
                if message.contains("length limit exceeded") =>
            {
                crate::http_status::set(413);
                Self::new("too-large")
            }
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                crate::http_status::set(400);
                Self::new("bad-request")
            }
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => Self::new("request-failed"),
            _ => Self::new("internal"),
        }
    }
}
