//! Pages to PDF/A-3b bytes, the same bytes for the same document: printpdf names its resources
//! and the file's `/ID` with a process-wide counter, so the fonts are registered under fixed
//! names here, the dates come from the document, and the `/ID` is derived from what the
//! document is; `pdfa` then adds what archiving asks for.

use std::collections::BTreeSet;

use lopdf::{Object, StringFormat};
use printpdf::serialize::to_lopdf_doc;
use printpdf::{Mm, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, TextItem};
use sha2::{Digest, Sha256};

use crate::canvas::{Canvas, PAGE_HEIGHT, PAGE_WIDTH};
use crate::fonts::Weight;
use crate::pdfa::{self, Archival};

/// What the file says about itself.
pub struct Meta<'a> {
    /// Title, author, date, language and the Factur-X XML if any.
    pub archival: Archival<'a>,
    /// A text that identifies the document (its issuer and number): the seed of `/ID`.
    pub identity: &'a str,
}

pub fn write(pages: Vec<Canvas>, meta: &Meta) -> Vec<u8> {
    let mut doc = PdfDocument::new(meta.archival.title);
    for (weight, chars) in chars_by_weight(&pages) {
        doc.resources.fonts.map.insert(weight.id(), PdfFont::new(weight.subset(&chars)));
    }
    let pages: Vec<PdfPage> =
        pages.into_iter().map(|page| PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), page.ops)).collect();
    doc.with_pages(pages);

    let options = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let mut lo = to_lopdf_doc(&doc, &options, &mut Vec::new());
    let id = Object::String(Sha256::digest(meta.identity.as_bytes())[..16].to_vec(), StringFormat::Hexadecimal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    lo.compress();
    pdfa::conform(&mut lo, &meta.archival);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).expect("writing to memory does not fail");
    bytes
}

/// The characters each weight prints, to subset the faces to.
fn chars_by_weight(pages: &[Canvas]) -> Vec<(Weight, BTreeSet<char>)> {
    let mut used: Vec<(Weight, BTreeSet<char>)> =
        [Weight::Regular, Weight::Bold].into_iter().map(|w| (w, BTreeSet::new())).collect();
    let mut current = 0;
    for op in pages.iter().flat_map(|page| &page.ops) {
        match op {
            Op::SetFont { font: PdfFontHandle::External(id), .. } => {
                current = used.iter().position(|(w, _)| w.id() == *id).unwrap_or(0);
            }
            Op::ShowText { items } => {
                for item in items {
                    if let TextItem::Text(text) = item {
                        used[current].1.extend(text.chars());
                    }
                }
            }
            _ => {}
        }
    }
    used.retain(|(_, chars)| !chars.is_empty());
    used
}
