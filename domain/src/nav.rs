//! Safe navigation targets.

/// A `next` parameter is followed after login only if it is a path on this site: it starts with
/// a single `/` (so `//evil.example` and `https://…` are refused) and has no backslash or
/// control character (browsers treat `/\evil` like `//evil`).
pub fn safe_next(raw: Option<&str>) -> Option<String> {
    let next = raw?.trim();
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && next.len() <= 512;
    local.then(|| next.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/stock/sites?q=lyon")), Some("/stock/sites?q=lyon".into()));
        for bad in ["//evil.example", "https://evil.example", "/\\evil.example", "evil", "", "/a\nb"] {
            assert_eq!(safe_next(Some(bad)), None, "{bad:?}");
        }
        assert_eq!(safe_next(None), None);
    }
}
