pub mod app_layout;
pub mod auth_card;
pub mod error_panel;
pub mod form_feedback;
pub mod form_state;
pub mod language_switch;
pub mod site_browser;
pub mod text_field;
