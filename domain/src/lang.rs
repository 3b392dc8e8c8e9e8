use serde::{Deserialize, Serialize};

/// An interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Self::En, Self::Fr];
    /// Name of the cookie that holds the user's choice.
    pub const COOKIE: &'static str = "atelier_lang";

    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
        }
    }

    /// `fr`, `fr-FR`, `fr_DZ`… are French; `en`, `en-GB`… English.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// The language of a request from its `Cookie` and `Accept-Language` headers.
    pub fn of_request(cookie_header: Option<&str>, accept_language: Option<&str>) -> Self {
        let cookie = cookie_header.and_then(|cookies| {
            cookies.split(';').find_map(|c| c.trim().strip_prefix(Self::COOKIE)?.strip_prefix('='))
        });
        Self::negotiate(cookie, accept_language)
    }

    /// The language of a request: the cookie first, then `Accept-Language` by quality, then English.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Self {
        if let Some(lang) = cookie.and_then(Self::from_tag) {
            return lang;
        }
        let mut offers: Vec<(f32, Lang)> = accept_language
            .unwrap_or_default()
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let lang = Self::from_tag(pieces.next()?)?;
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (quality > 0.0).then_some((quality, lang))
            })
            .collect();
        // Stable sort: among equal qualities the header's order wins.
        offers.sort_by(|a, b| b.0.total_cmp(&a.0));
        offers.first().map_or(Self::En, |(_, lang)| *lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_cookie_is_found_among_others() {
        let cookies = Some("id=abc; atelier_lang=fr; theme=dark");
        assert_eq!(Lang::of_request(cookies, Some("en")), Lang::Fr);
        assert_eq!(Lang::of_request(Some("id=abc"), Some("fr-FR")), Lang::Fr);
        assert_eq!(Lang::of_request(None, None), Lang::En);
    }

    #[test]
    fn cookie_wins_over_header() {
        assert_eq!(Lang::negotiate(Some("fr"), Some("en-US,en;q=0.9")), Lang::Fr);
        assert_eq!(Lang::negotiate(Some("en"), Some("fr-FR")), Lang::En);
    }

    #[test]
    fn header_quality_decides_then_english() {
        assert_eq!(Lang::negotiate(None, Some("de-DE,fr;q=0.8,en;q=0.5")), Lang::Fr);
        assert_eq!(Lang::negotiate(None, Some("en;q=0.4, fr-DZ;q=0.9")), Lang::Fr);
        assert_eq!(Lang::negotiate(None, Some("fr;q=0, en")), Lang::En);
        assert_eq!(Lang::negotiate(None, Some("de, es")), Lang::En);
        assert_eq!(Lang::negotiate(Some("xx"), None), Lang::En);
    }
}
