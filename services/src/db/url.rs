//! The few URL manipulations tenancy needs, without a URL parser: the inputs are our own.

use std::path::Path;

/// `sqlite://<absolute path>?mode=rwc` (creates the file when missing).
pub fn sqlite_file(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

/// Splits `postgres://user@host:5432/name?opts` into (`postgres://user@host:5432`, `name`, `?opts`).
fn split_postgres(url: &str) -> Option<(&str, &str, &str)> {
    let (base, query) = match url.find('?') {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    let scheme_end = base.find("://")? + 3;
    let slash = base[scheme_end..].find('/').map(|i| i + scheme_end)?;
    Some((&base[..slash], &base[slash + 1..], query))
}

/// The database name in a PostgreSQL URL.
pub fn postgres_database(url: &str) -> Option<&str> {
    split_postgres(url).map(|(_, name, _)| name).filter(|n| !n.is_empty())
}

/// The same server and options, another database.
pub fn postgres_with_database(url: &str, database: &str) -> Option<String> {
    split_postgres(url).map(|(server, _, query)| format!("{server}/{database}{query}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_the_database_and_keeps_options() {
        let url = "postgres://postgres@127.0.0.1:5432/atelier?sslmode=disable";
        assert_eq!(postgres_database(url), Some("atelier"));
        assert_eq!(
            postgres_with_database(url, "atelier__demo").as_deref(),
            Some("postgres://postgres@127.0.0.1:5432/atelier__demo?sslmode=disable")
        );
        assert_eq!(postgres_database("postgres://h"), None);
        assert_eq!(postgres_database("postgres://h/"), None);
    }
}
