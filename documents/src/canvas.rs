//! Drawing on an A4 page in millimetres measured from the top-left corner, as a layout is
//! thought of; PDF's own origin is the bottom-left corner, in points.

use printpdf::{Color, Line, LinePoint, Mm, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, Rgb, TextItem};

use crate::fonts::Weight;

pub const PAGE_WIDTH: f32 = 210.0;
pub const PAGE_HEIGHT: f32 = 297.0;
pub const MARGIN: f32 = 15.0;

const PT_PER_MM: f32 = 72.0 / 25.4;

/// A weight and a size in points.
pub type Style = (Weight, f32);
/// An RGB colour, each part from 0 to 1.
pub type Tint = (f32, f32, f32);

pub const INK: Tint = (0.11, 0.12, 0.14);
pub const MUTED: Tint = (0.36, 0.38, 0.42);
pub const RULE: Tint = (0.78, 0.80, 0.83);
pub const SHADE: Tint = (0.93, 0.94, 0.96);

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One page's drawing operations.
#[derive(Default)]
pub struct Canvas {
    pub ops: Vec<Op>,
}

fn rgb((r, g, b): Tint) -> Color {
    Color::Rgb(Rgb::new(r, g, b, None))
}

fn point(x_mm: f32, y_from_top_mm: f32) -> Point {
    Point::new(Mm(x_mm), Mm(PAGE_HEIGHT - y_from_top_mm))
}

impl Canvas {
    /// Writes `text` with its baseline at `y`; `x` is its left edge, or its right edge when
    /// aligned right.
    pub fn text(&mut self, x: f32, y: f32, text: &str, style: Style, color: Tint, align: Align) {
        if text.is_empty() {
            return;
        }
        let (weight, size) = style;
        let left = match align {
            Align::Left => x,
            Align::Right => x - weight.width(text, size) / PT_PER_MM,
        };
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFillColor { col: rgb(color) },
            Op::SetFont { font: PdfFontHandle::External(weight.id()), size: Pt(size) },
            Op::SetTextCursor { pos: point(left, y) },
            Op::ShowText { items: vec![TextItem::Text(text.to_owned())] },
            Op::EndTextSection,
        ]);
    }

    /// A horizontal rule from `x1` to `x2` at `y`.
    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness_pt: f32, color: Tint) {
        self.ops.extend([
            Op::SetOutlineColor { col: rgb(color) },
            Op::SetOutlineThickness { pt: Pt(thickness_pt) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint { p: point(x1, y), bezier: false },
                        LinePoint { p: point(x2, y), bezier: false },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    /// A filled box whose top-left corner is at (`x`, `y`).
    pub fn fill(&mut self, x: f32, y: f32, width: f32, height: f32, color: Tint) {
        let bottom_left = point(x, y + height);
        self.ops.extend([
            Op::SetFillColor { col: rgb(color) },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: bottom_left.x,
                    y: bottom_left.y,
                    width: Pt(width * PT_PER_MM),
                    height: Pt(height * PT_PER_MM),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            },
        ]);
    }

    /// The width of `text` in millimetres.
    pub fn width(text: &str, style: Style) -> f32 {
        style.0.width(text, style.1) / PT_PER_MM
    }
}
