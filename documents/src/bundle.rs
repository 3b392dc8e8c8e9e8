//! Several stored PDFs as one file to print: each document's objects renumbered apart, all
//! their pages under one page tree, in the order given. The documents' own bytes are not
//! changed (each keeps its hash); the bundle is a new file, for printing only.

use lopdf::{Document, Object, ObjectId};

/// The documents one after the other in one PDF; an error names the document that could not
/// be read.
pub fn bundle(pdfs: &[Vec<u8>]) -> Result<Vec<u8>, String> {
    let mut next_id = 1;
    let mut pages: Vec<(ObjectId, Object)> = Vec::new();
    let mut objects = std::collections::BTreeMap::new();
    for (i, bytes) in pdfs.iter().enumerate() {
        let mut doc = Document::load_mem(bytes).map_err(|e| format!("document {}: {e}", i + 1))?;
        doc.renumber_objects_with(next_id);
        next_id = doc.max_id + 1;
        for (_, id) in doc.get_pages() {
            let page = doc.get_object(id).map_err(|e| format!("document {}: {e}", i + 1))?.clone();
            pages.push((id, page));
        }
        objects.extend(doc.objects);
    }

    let mut out = Document::with_version("1.7");
    let pages_id: ObjectId = (next_id, 0);
    let catalog_id: ObjectId = (next_id + 1, 0);
    for (id, object) in objects {
        // The old catalogs and page trees are replaced below; pages are re-parented.
        let kind = object.as_dict().ok().and_then(|d| d.get(b"Type").ok()).and_then(|t| t.as_name().ok());
        match kind {
            Some(b"Catalog") | Some(b"Pages") | Some(b"Page") | Some(b"Outlines") | Some(b"Outline") => {}
            _ => {
                out.objects.insert(id, object);
            }
        }
    }
    let count = pages.len() as i64;
    let mut kids = Vec::with_capacity(pages.len());
    for (id, mut page) in pages {
        if let Ok(dict) = page.as_dict_mut() {
            dict.set("Parent", pages_id);
        }
        out.objects.insert(id, page);
        kids.push(Object::Reference(id));
    }
    out.objects.insert(
        pages_id,
        Object::Dictionary(lopdf::dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    out.objects.insert(catalog_id, Object::Dictionary(lopdf::dictionary! { "Type" => "Catalog", "Pages" => pages_id }));
    out.trailer.set("Root", catalog_id);
    out.max_id = next_id + 1;
    let mut bytes = Vec::new();
    out.save_to(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use domain::{Country, Lang};

    use super::bundle;
    use crate::invoice::tests::{credit_note, sample};
    use crate::render_invoice;

    #[test]
    fn documents_follow_each_other_in_one_file() {
        let parts = vec![
            render_invoice(&sample(Country::France, Lang::Fr, 3)),
            render_invoice(&sample(Country::France, Lang::Fr, 200)),
            render_invoice(&credit_note(Country::Algeria, Lang::En)),
        ];
        let counts: Vec<usize> =
            parts.iter().map(|p| lopdf::Document::load_mem(p).unwrap().get_pages().len()).collect();
        let one = bundle(&parts).unwrap();
        let back = lopdf::Document::load_mem(&one).unwrap();
        assert_eq!(back.get_pages().len(), counts.iter().sum::<usize>());
        assert!(bundle(&[b"not a pdf".to_vec()]).is_err());
        // qpdf, when installed, finds the file sound.
        let path = std::env::temp_dir().join(format!("atelier-bundle-{}.pdf", std::process::id()));
        std::fs::write(&path, &one).unwrap();
        if let Ok(out) = std::process::Command::new("qpdf").arg("--check").arg(&path).output() {
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        } else {
            assert!(std::env::var_os("ATELIER_REQUIRE_TOOLS").is_none(), "qpdf is required here");
        }
        std::fs::remove_file(&path).unwrap();
    }
}
