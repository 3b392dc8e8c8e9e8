use domain::FieldError;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// The error of every server function: a stable code (shown through its Fluent key
/// `error-<code>`), the invalid fields, and for a suspended tenant the reason its admin gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    #[serde(default)]
    pub fields: Vec<FieldError>,
    #[serde(default)]
    pub detail: Option<String>,
}

impl ApiError {
    pub fn new(code: &str) -> Self {
        Self { code: code.to_owned(), fields: Vec::new(), detail: None }
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

    /// Transport failures (network down, malformed request) all read as one translated message.
    fn from_server_fn_error(_: ServerFnErrorErr) -> Self {
        Self::new("request-failed")
    }
}
