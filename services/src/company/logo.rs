//! The company's logo: decoded with limits, fitted into the header box and re-encoded as PNG,
//! so that what is stored and printed is always an image Atelier wrote (no metadata, no
//! polyglot file, no decompression bomb).

use std::io::Cursor;

use domain::company::logo::{self, LogoFormat};
use image::{ImageFormat, ImageReader, Limits};
use sqlx::AnyExecutor;

use crate::{AppError, AppResult};

/// A logo ready to store: PNG bytes and their size in pixels.
pub struct Logo {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Reads an upload into a logo, or refuses it with a field error on `logo`.
pub fn reencode(bytes: &[u8]) -> AppResult<Logo> {
    let refuse = |code: &str| AppError::field("logo", code);
    let format = match logo::sniff(bytes).map_err(refuse)? {
        LogoFormat::Png => ImageFormat::Png,
        LogoFormat::Jpeg => ImageFormat::Jpeg,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(logo::MAX_SOURCE_SIDE);
    limits.max_image_height = Some(logo::MAX_SOURCE_SIDE);
    limits.max_alloc = Some(128 * 1024 * 1024);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => refuse("logo-too-many-pixels"),
        _ => refuse("logo-not-an-image"),
    })?;
    let (width, height) = logo::fitted(image.width(), image.height());
    let image = if (width, height) == (image.width(), image.height()) {
        image
    } else {
        image.resize_exact(width, height, image::imageops::FilterType::Lanczos3)
    };
    let mut png = Vec::new();
    image
        .to_rgba8()
        .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Logo { png, width, height })
}

pub async fn store<'e>(db: impl AnyExecutor<'e>, logo: &Logo, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO company_logo (id, png, width, height, updated_at) VALUES (1, $1, $2, $3, $4) \
         ON CONFLICT (id) DO UPDATE SET png = excluded.png, width = excluded.width, height = excluded.height, \
         updated_at = excluded.updated_at",
    )
    .bind(&logo.png)
    .bind(i64::from(logo.width))
    .bind(i64::from(logo.height))
    .bind(now_ms)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn png<'e>(db: impl AnyExecutor<'e>) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let row: Option<(Vec<u8>,)> =
        sqlx::query_as("SELECT png FROM company_logo WHERE id = 1").fetch_optional(db).await?;
    Ok(row.map(|(png,)| png))
}

pub async fn version<'e>(db: impl AnyExecutor<'e>) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT updated_at FROM company_logo WHERE id = 1").fetch_optional(db).await?;
    Ok(row.map(|(at,)| at))
}

pub async fn remove<'e>(db: impl AnyExecutor<'e>) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM company_logo WHERE id = 1").execute(db).await?.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
        let image =
            image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(width, height, image::Rgb([29, 79, 145])));
        let mut bytes = Vec::new();
        image.write_to(&mut Cursor::new(&mut bytes), format).unwrap();
        bytes
    }

    #[test]
    fn uploads_are_reencoded_and_fitted() {
        let logo = reencode(&encoded(1600, 400, ImageFormat::Jpeg)).unwrap();
        assert_eq!((logo.width, logo.height), (800, 200));
        assert!(logo.png.starts_with(b"\x89PNG"));
        let small = encoded(120, 40, ImageFormat::Png);
        let logo = reencode(&small).unwrap();
        assert_eq!((logo.width, logo.height), (120, 40));
        assert_eq!(reencode(&small).unwrap().png, logo.png, "the same upload gives the same bytes");
    }

    fn code(result: AppResult<Logo>) -> String {
        match result {
            Err(AppError::Validation(errors)) => errors.0[0].code.clone(),
            other => panic!("expected a refusal, got {:?}", other.map(|l| l.png.len())),
        }
    }

    #[test]
    fn damaged_huge_and_foreign_files_are_refused() {
        let mut truncated = encoded(64, 64, ImageFormat::Png);
        truncated.truncate(40);
        assert_eq!(code(reencode(&truncated)), "logo-not-an-image");
        assert_eq!(code(reencode(b"GIF89a\x01\x00\x01\x00")), "logo-not-an-image");
        // A small file of many pixels: refused from its header, before decoding.
        let wide = encoded(logo::MAX_SOURCE_SIDE + 1, 1, ImageFormat::Png);
        assert!(wide.len() < 1024);
        assert_eq!(code(reencode(&wide)), "logo-too-many-pixels");
    }
}
