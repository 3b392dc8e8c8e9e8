//! Server-side plumbing of the server functions, which all read the same way:
//!
//! 1. **scope**: who is calling, with the permission checked (`scope`, `account`, …);
//! 2. **parse**: the form or query into a domain command, refusing bad input with field errors;
//! 3. **call** the service, which returns a domain view or a typed error;
//! 4. **finish**: `?` turns a service error into the client's `ApiError` (`failure`); a form
//!    ends with `finish`, which also serves browsers without JavaScript.

mod context;
mod failure;
mod finish;
mod no_store;

pub use context::{account, base_url, enrolling_user, meta, record_id, scope, session, signed_in_user, state};
pub use finish::{finish, is_plain_form_post};
pub use no_store::no_store;
