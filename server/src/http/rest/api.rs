//! Step one of a REST handler: who is calling. The bearer token names its company and the admin
//! it acts as; a handler then asks for the permission it needs (`read`), and for a change also
//! passes the write guard every other write path passes (`write`).

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use domain::{Lang, Permission};
use services::AppState;
use services::audit::RequestMeta;
use services::governance::api_tokens::{self, Caller};
use services::tenancy::TenantScope;

use super::problem::{Problem, lang};
use crate::http::router::RouterState;

pub struct Api {
    pub state: AppState,
    pub caller: Caller,
    pub meta: RequestMeta,
    pub lang: Lang,
}

impl FromRequestParts<RouterState> for Api {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &RouterState) -> Result<Self, Problem> {
        let lang = lang(&parts.headers);
        let authorization = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
        let caller =
            api_tokens::authenticate(&state.app, authorization).await.map_err(|e| Problem::of(&e, lang, &[]))?;
        let meta = parts.extensions.get::<RequestMeta>().cloned().unwrap_or_default();
        Ok(Self { state: state.app.clone(), caller, meta, lang })
    }
}

impl Api {
    /// The caller's company, when the token's scope and its admin's role both allow
    /// `permission`; a refusal is recorded in the audit log, as a page's is.
    pub async fn read(&self, permission: Permission) -> Result<&TenantScope, Problem> {
        if let Err(error) = self.caller.require(permission) {
            services::audit::record_refusal(&self.state, &self.meta, &self.caller.scope, permission)
                .await
                .map_err(|e| self.problem(&e))?;
            return Err(self.problem(&error));
        }
        Ok(&self.caller.scope)
    }

    /// The same for a change: refused while an emergency mode stops the admin's changes, and
    /// counted by the admin-action limit when administrative.
    pub async fn write(&self, permission: Permission) -> Result<&TenantScope, Problem> {
        let scope = self.read(permission).await?;
        services::governance::admit_write(scope, permission, self.state.clock.now_ms())
            .await
            .map_err(|e| self.problem(&e))?;
        Ok(scope)
    }

    pub fn problem(&self, error: &services::AppError) -> Problem {
        Problem::of(error, self.lang, &[])
    }

    /// A refusal naming fields: `renamed` gives each form field's name in the API.
    pub fn refused(&self, error: &services::AppError, renamed: &[(&str, &str)]) -> Problem {
        Problem::of(error, self.lang, renamed)
    }
}
