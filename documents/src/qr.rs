//! A QR code drawn as filled squares: vector, sharp at any zoom, and without an image whose
//! encoding could vary.

use qrcode::{Color, EcLevel, QrCode};

use crate::canvas::{Canvas, INK};

/// Draws the QR code of `text` in a `size` mm square whose top-left corner is (`x`, `y`).
pub fn draw(canvas: &mut Canvas, text: &str, x: f32, y: f32, size: f32) {
    let Ok(code) = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) else {
        return; // an address too long for a QR code: the printed address stands alone
    };
    let modules = code.width();
    let quiet = 2; // modules of margin on each side, inside the square
    let cell = size / (modules + 2 * quiet) as f32;
    let colors = code.to_colors();
    for (row, cells) in colors.chunks(modules).enumerate() {
        // One box per run of dark modules in a row: fewer operations, no seams inside a run.
        let mut col = 0;
        while col < modules {
            if cells[col] != Color::Dark {
                col += 1;
                continue;
            }
            let start = col;
            while col < modules && cells[col] == Color::Dark {
                col += 1;
            }
            let cx = x + (start + quiet) as f32 * cell;
            let cy = y + (row + quiet) as f32 * cell;
            // A hair taller than the cell, so that rows leave no seam between them.
            canvas.fill(cx, cy, (col - start) as f32 * cell, cell + 0.02, INK);
        }
    }
}
