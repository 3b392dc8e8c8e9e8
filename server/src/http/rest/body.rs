//! Reading a request's JSON body or query: a body that is not JSON, has a field missing, one
//! unknown or one of the wrong type is refused as a problem, with what the parser found.

use axum::Json;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::problem::{Problem, lang};

/// A JSON body (`Content-Type: application/json`).
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Problem> {
        let lang = lang(request.headers());
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(Problem::unreadable(rejection.status(), rejection.body_text(), lang)),
        }
    }
}

/// A query string.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(Self(value)),
            Err(rejection) => {
                let status = rejection.status();
                Err(Problem::unreadable(status, rejection.body_text(), lang(&parts.headers)))
            }
        }
    }
}

/// A whole number as JSON Schema counts one: `74` or `74.0`, not `74.5`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Whole(pub i64);

impl<'de> serde::Deserialize<'de> for Whole {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = serde_json::Number::deserialize(deserializer)?;
        let whole = number.as_i64().or_else(|| {
            let f = number.as_f64()?;
            (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
        });
        whole.map(Self).ok_or_else(|| serde::de::Error::custom(format!("{number} is not a whole number")))
    }
}
