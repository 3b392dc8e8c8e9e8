//! Errors of the REST API as RFC 9457 problem details (`application/problem+json`): the codes
//! of the pages' errors, their message in the request's language (`Accept-Language`), and each
//! refused field with its own message.

use app::api::ApiError;
use app::i18n::I18n;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::{ErrorDetail, Lang};
use serde::Serialize;
use services::AppError;
use utoipa::ToSchema;

/// What went wrong.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemBody {
    /// `urn:atelier:problem:<code>`.
    #[serde(rename = "type")]
    pub kind: String,
    /// What happened, in the request's language.
    pub title: String,
    pub status: u16,
    /// What this occurrence adds: the reason an admin gave, or what the parser found wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The stable error code (`token-expired`, `validation`, `read-only`…).
    pub code: String,
    /// The fields refused, for a validation error.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One refused field.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field's name in the request's body or query.
    pub field: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug)]
pub struct Problem(ProblemBody);

/// The language of the API's messages: `Accept-Language`, else English.
pub fn lang(headers: &HeaderMap) -> Lang {
    Lang::of_request(None, headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
}

impl Problem {
    /// A service's error; the names of the refused fields as the API writes them (`renamed`:
    /// the form's name, then the API's).
    pub fn of(error: &AppError, lang: Lang, renamed: &[(&str, &str)]) -> Self {
        if error.is_internal() {
            tracing::error!(error = %error, "REST request failed");
        }
        let i18n = I18n { lang };
        let api = ApiError::of(error);
        let errors = api
            .fields
            .iter()
            .map(|f| FieldProblem {
                field: renamed
                    .iter()
                    .find(|(form, _)| *form == f.field)
                    .map_or(f.field.clone(), |(_, n)| (*n).to_owned()),
                code: f.code.clone(),
                message: i18n.field_error(&f.code),
            })
            .collect();
        let detail = match &api.detail {
            Some(ErrorDetail::Reason { text }) => Some(text.clone()),
            _ => None,
        };
        Self(ProblemBody {
            kind: format!("urn:atelier:problem:{}", api.code),
            title: i18n.error(&api),
            status: error.status(),
            detail,
            code: api.code,
            errors,
        })
    }

    /// A body or query the API could not read (malformed JSON, a missing or unknown field, a
    /// value of the wrong type): what the parser said.
    pub fn unreadable(status: StatusCode, said: String, lang: Lang) -> Self {
        let status = if status == StatusCode::UNPROCESSABLE_ENTITY { StatusCode::BAD_REQUEST } else { status };
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE { "too-large" } else { "bad-request" };
        Self(ProblemBody {
            kind: format!("urn:atelier:problem:{code}"),
            title: I18n { lang }.t(&format!("error-{code}")),
            status: status.as_u16(),
            detail: Some(said),
            code: code.to_owned(),
            errors: Vec::new(),
        })
    }

    pub fn code(&self) -> &str {
        &self.0.code
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, axum::Json(&self.0)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if status == StatusCode::UNAUTHORIZED {
            // RFC 6750: how to authenticate, and why the token presented was refused.
            let challenge = if self.0.code == "token-missing" {
                HeaderValue::from_static("Bearer realm=\"atelier\"")
            } else {
                HeaderValue::from_static("Bearer realm=\"atelier\", error=\"invalid_token\"")
            };
            headers.insert(header::WWW_AUTHENTICATE, challenge);
        }
        response
    }
}

/// How a read may be refused.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
pub enum ReadRefusals {
    /// No token, or one that is malformed, unknown, expired, revoked, or whose admin left.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(ProblemBody),
    /// The token's scope or its admin's role does not allow it, or an emergency mode keeps
    /// its admin out.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(ProblemBody),
}

/// How a change may be refused.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
pub enum WriteRefusals {
    /// The body is not JSON, or has a field missing, unknown or of the wrong type.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(ProblemBody),
    /// No token, or one that is malformed, unknown, expired, revoked, or whose admin left.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(ProblemBody),
    /// The token's scope (`token-scope`) or its admin's role (`forbidden`) does not allow it.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(ProblemBody),
    /// The body is too large (over 16 KiB).
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(ProblemBody),
    /// The body is not sent as `application/json`.
    #[response(status = 415, content_type = "application/problem+json")]
    NotJson(ProblemBody),
    /// The change conflicts with the company's state (a purge already running, nothing to purge).
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(ProblemBody),
    /// A value is refused; `errors` names each field.
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(ProblemBody),
    /// An emergency mode stops changes now; `detail` gives its reason.
    #[response(status = 423, content_type = "application/problem+json")]
    Locked(ProblemBody),
    /// The admin's limit of actions a minute, or of bulk operations an hour, is reached.
    #[response(status = 429, content_type = "application/problem+json")]
    TooMany(ProblemBody),
}
