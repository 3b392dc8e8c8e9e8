//! The company's logo: what an upload may be, and the size it is printed at. Decoding and
//! re-encoding are the server's (`services::company::logo`); the rules are here.

/// The largest file accepted.
pub const MAX_UPLOAD_BYTES: usize = 1024 * 1024;
/// The largest image decoded, per side: a small file can claim huge dimensions.
pub const MAX_SOURCE_SIDE: u32 = 4096;
/// The box a logo is fitted into (a document header).
pub const MAX_WIDTH: u32 = 800;
pub const MAX_HEIGHT: u32 = 300;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogoFormat {
    Png,
    Jpeg,
}

/// The format of an upload, from its first bytes (never from its name or announced type).
pub fn sniff(bytes: &[u8]) -> Result<LogoFormat, &'static str> {
    if bytes.is_empty() {
        Err("required")
    } else if bytes.len() > MAX_UPLOAD_BYTES {
        Err("logo-too-large")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok(LogoFormat::Png)
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Ok(LogoFormat::Jpeg)
    } else {
        Err("logo-not-an-image")
    }
}

/// The size a `width` × `height` image is stored at: unchanged when it fits the box, else
/// scaled down to fit it, keeping its proportions (never below one pixel).
pub fn fitted(width: u32, height: u32) -> (u32, u32) {
    if width <= MAX_WIDTH && height <= MAX_HEIGHT {
        return (width, height);
    }
    let (w, h) = (u64::from(width), u64::from(height));
    // The smaller of the two scales, in exact integer arithmetic.
    if w * u64::from(MAX_HEIGHT) >= h * u64::from(MAX_WIDTH) {
        (MAX_WIDTH, ((h * u64::from(MAX_WIDTH)) / w).max(1) as u32)
    } else {
        (((w * u64::from(MAX_HEIGHT)) / h).max(1) as u32, MAX_HEIGHT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_comes_from_the_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Ok(LogoFormat::Png));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0..JFIF"), Ok(LogoFormat::Jpeg));
        assert_eq!(sniff(b"GIF89a"), Err("logo-not-an-image"));
        assert_eq!(sniff(b"<svg onload=alert(1)>"), Err("logo-not-an-image"));
        assert_eq!(sniff(b""), Err("required"));
        assert_eq!(sniff(&vec![0xff; MAX_UPLOAD_BYTES + 1]), Err("logo-too-large"));
    }

    #[test]
    fn logos_are_fitted_into_the_header_box() {
        assert_eq!(fitted(400, 100), (400, 100));
        assert_eq!(fitted(1600, 400), (800, 200));
        assert_eq!(fitted(600, 600), (300, 300));
        assert_eq!(fitted(4096, 1), (800, 1));
        assert_eq!(fitted(1, 4096), (1, 300));
    }
}
