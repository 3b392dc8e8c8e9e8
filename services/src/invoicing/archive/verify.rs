//! `atelier verify DIR`: an archive checked from its files alone. Every entry's hash is
//! recomputed from its canonical form, every link to the entry before, the ends against the
//! manifest, and every document's PDF against the SHA-256 its ledger entry recorded. The first
//! problem is reported with where it is; nothing outside the folder is ever read.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Component, Path, PathBuf};

use domain::invoicing::ledger::{self, Entry, EntryKind};
use sha2::{Digest, Sha256};

use super::{FORMAT, MANIFEST, Manifest};

/// What a sound archive holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub period: String,
    pub entries: i64,
    pub first_seq: i64,
    pub last_seq: i64,
    pub documents: usize,
    pub head: String,
}

/// The longest JSON line an entry may take, and the largest manifest: anything longer is not
/// an archive this verifier reads (and is not read into memory).
const MAX_LINE: u64 = 1 << 20;
const MAX_MANIFEST: u64 = 256 << 20;

/// Checks the archive in `dir`; the error is the first problem, in words.
pub fn verify(dir: &Path) -> Result<Verified, String> {
    let root = dir.canonicalize().map_err(|e| format!("{}: not a readable folder ({e})", dir.display()))?;
    let manifest = read_manifest(&root)?;
    if manifest.format != FORMAT {
        return Err(format!("{MANIFEST}: format {:?}, expected {FORMAT:?}", manifest.format));
    }
    let listed = &manifest.ledger;
    let ledger_path = inside(&root, &listed.file)?;
    let file = File::open(&ledger_path).map_err(|e| format!("{}: missing or unreadable ({e})", listed.file))?;
    let mut reader = BufReader::new(file);
    let pdfs: HashMap<&str, &str> = manifest.documents.iter().map(|d| (d.number.as_str(), d.file.as_str())).collect();
    let mut at = (listed.first_seq - 1, listed.previous.clone());
    let (mut count, mut documents) = (0i64, 0usize);
    let mut line = Vec::new();
    for number in 1.. {
        line.clear();
        let read = (&mut reader)
            .take(MAX_LINE + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("{}: {e}", listed.file))?;
        if read == 0 {
            break;
        }
        if line.len() as u64 > MAX_LINE {
            return Err(format!("{} line {number}: longer than {MAX_LINE} bytes", listed.file));
        }
        if line.last() != Some(&b'\n') {
            return Err(format!("{} line {number}: truncated (no end of line)", listed.file));
        }
        let text = std::str::from_utf8(&line).map_err(|e| format!("{} line {number}: not UTF-8 ({e})", listed.file))?;
        let entry: Entry = serde_json::from_str(text.trim_end())
            .map_err(|e| format!("{} line {number}: not a ledger entry ({e})", listed.file))?;
        at = ledger::follow(at, std::iter::once(&entry))
            .map_err(|broken| format!("{} line {number}: {broken}", listed.file))?;
        if matches!(entry.kind, EntryKind::Invoice | EntryKind::CreditNote) {
            check_document(&root, &pdfs, &entry)?;
            documents += 1;
        }
        count += 1;
    }
    if count != listed.entries || at.0 != listed.last_seq || at.1 != listed.head {
        return Err(format!(
            "{}: the chain ends at entry {} ({} entries, head {}), the manifest says entry {} ({} entries, head {}): \
             entries were dropped or added",
            listed.file, at.0, count, at.1, listed.last_seq, listed.entries, listed.head
        ));
    }
    Ok(Verified {
        period: manifest.period.clone(),
        entries: count,
        first_seq: listed.first_seq,
        last_seq: at.0,
        documents,
        head: at.1,
    })
}

fn read_manifest(root: &Path) -> Result<Manifest, String> {
    let path = root.join(MANIFEST);
    let file = File::open(&path).map_err(|e| format!("{MANIFEST}: missing or unreadable ({e})"))?;
    let mut text = Vec::new();
    file.take(MAX_MANIFEST + 1).read_to_end(&mut text).map_err(|e| format!("{MANIFEST}: {e}"))?;
    if text.len() as u64 > MAX_MANIFEST {
        return Err(format!("{MANIFEST}: larger than {MAX_MANIFEST} bytes"));
    }
    serde_json::from_slice(&text).map_err(|e| format!("{MANIFEST}: not a manifest ({e})"))
}

/// A document entry's PDF: listed in the manifest, inside the folder, and hashing to what the
/// entry recorded.
fn check_document(root: &Path, pdfs: &HashMap<&str, &str>, entry: &Entry) -> Result<(), String> {
    let name = pdfs
        .get(entry.entity.as_str())
        .ok_or_else(|| format!("entry {} ({}): its PDF is not listed in {MANIFEST}", entry.seq, entry.entity))?;
    let path = inside(root, name)?;
    let mut file = File::open(&path).map_err(|e| format!("{name}: missing or unreadable ({e})"))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(|e| format!("{name}: {e}"))?;
    let actual = hex::encode(hasher.finalize());
    let recorded = entry.fields.get("pdf_sha256").and_then(|v| v.as_str()).unwrap_or_default();
    if actual != recorded {
        return Err(format!(
            "{name}: its SHA-256 is {actual}, entry {} ({}) recorded {recorded}: the PDF was altered or replaced",
            entry.seq, entry.entity
        ));
    }
    Ok(())
}

/// `name` (from the manifest) as a path inside `root`: relative, without `..`, and still
/// inside once links are followed.
fn inside(root: &Path, name: &str) -> Result<PathBuf, String> {
    let relative = Path::new(name);
    let plain =
        !name.is_empty() && relative.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let escapes = || format!("{name:?}: a path outside the archive folder");
    if !plain {
        return Err(escapes());
    }
    let joined = root.join(relative);
    match joined.canonicalize() {
        Ok(real) if real.starts_with(root) => Ok(real),
        Ok(_) => Err(escapes()),
        Err(e) => Err(format!("{name}: missing or unreadable ({e})")),
    }
}
