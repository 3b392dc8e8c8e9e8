pub mod home;
pub mod login;
pub mod not_built;
pub mod not_found;
pub mod select_tenant;
pub mod site_detail;
pub mod sites;
pub mod stock;
