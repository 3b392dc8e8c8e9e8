//! Who uses Atelier and how they sign in: the views of the sign-in, security and members pages.

pub mod views;
