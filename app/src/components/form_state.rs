//! One view of a form's outcome, whether it came back from the action (JavaScript on) or from
//! the session flash after a redirect (JavaScript off).

use leptos::prelude::*;

use crate::api::{ApiError, Flash};

#[derive(Clone, Copy)]
pub struct FormState {
    pub error: Signal<Option<ApiError>>,
    /// Fluent key of the success message.
    pub ok: Signal<Option<String>>,
    flash: Signal<Option<Flash>>,
}

impl FormState {
    /// `id` names the form on its page; `ok_key` is the success message of the action path.
    pub fn new<T: Clone + Send + Sync + 'static>(
        id: String,
        ok_key: Option<&'static str>,
        action_value: Signal<Option<Result<T, ApiError>>>,
        flash: Signal<Option<Flash>>,
    ) -> Self {
        let id_for_flash = id.clone();
        let flash = Signal::derive(move || flash.get().filter(|f| f.form == id_for_flash));
        let error = Signal::derive(move || match action_value.get() {
            Some(Err(e)) => Some(e),
            Some(Ok(_)) => None,
            None => flash.get().and_then(|f| f.error),
        });
        let ok = Signal::derive(move || match action_value.get() {
            Some(Ok(_)) => ok_key.map(str::to_owned),
            Some(Err(_)) => None,
            None => flash.get().and_then(|f| f.ok),
        });
        Self { error, ok, flash }
    }

    /// For a plain form (no action on the page): the outcome comes only from the flash.
    pub fn from_flash(id: &str, flash: Option<Flash>) -> Self {
        let none: Signal<Option<Result<(), ApiError>>> = Signal::stored(None);
        Self::new(id.to_owned(), None, none, Signal::stored(flash))
    }

    /// A value the server sent back in the flash with a successful outcome.
    pub fn returned(&self, name: &str) -> Option<String> {
        self.flash.get_untracked().and_then(|f| f.ok.is_some().then(|| f.value(name).map(str::to_owned)).flatten())
    }

    /// The code of the error on one field, if any.
    pub fn field_error(&self, name: &'static str) -> Signal<Option<String>> {
        let error = self.error;
        Signal::derive(move || error.get().and_then(|e| e.field(name).map(str::to_owned)))
    }

    /// The value typed before a refused plain form post, to fill the field again.
    pub fn typed(&self, name: &str) -> Option<String> {
        self.flash.get_untracked().and_then(|f| f.error.is_some().then(|| f.value(name).map(str::to_owned)).flatten())
    }

    /// Every value typed under one name (boxes ticked of a group) before a refused post.
    pub fn typed_all(&self, name: &str) -> Vec<String> {
        self.flash
            .get_untracked()
            .filter(|f| f.error.is_some())
            .map(|f| f.values.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect())
            .unwrap_or_default()
    }
}
