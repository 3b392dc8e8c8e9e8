//! A folder as one POSIX tar file (ustar), for the archive's download: regular files only,
//! names under 100 bytes (the archive's own layout), read and written a block at a time.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

const BLOCK: usize = 512;

/// Writes every file under `dir` (sorted, recursively) into `out`, named `prefix/relative`.
pub fn write(dir: &Path, prefix: &str, out: &mut impl Write) -> io::Result<()> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files)?;
    files.sort();
    for relative in files {
        let name = format!("{prefix}/{relative}");
        let path = dir.join(&relative);
        let size = std::fs::metadata(&path)?.len();
        out.write_all(&header(&name, size)?)?;
        let mut file = File::open(&path)?;
        let copied = io::copy(&mut (&mut file).take(size), out)?;
        if copied != size {
            return Err(io::Error::other(format!("{name} changed while it was archived")));
        }
        let pad = (BLOCK - (size as usize % BLOCK)) % BLOCK;
        out.write_all(&vec![0u8; pad])?;
    }
    out.write_all(&[0u8; BLOCK * 2])
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect(root, &entry.path(), files)?;
        } else if kind.is_file() {
            let relative = entry.path().strip_prefix(root).map_err(io::Error::other)?.to_string_lossy().into_owned();
            files.push(relative);
        }
    }
    Ok(())
}

fn header(name: &str, size: u64) -> io::Result<[u8; BLOCK]> {
    if name.len() >= 100 || !name.is_ascii() {
        return Err(io::Error::other(format!("{name}: not a short ASCII name")));
    }
    let mut h = [0u8; BLOCK];
    let mut put = |at: usize, bytes: &[u8]| h[at..at + bytes.len()].copy_from_slice(bytes);
    put(0, name.as_bytes());
    put(100, b"0000644\0");
    put(108, b"0000000\0");
    put(116, b"0000000\0");
    put(124, format!("{size:011o}\0").as_bytes());
    put(136, b"00000000000\0");
    put(148, b"        ");
    put(156, b"0");
    put(257, b"ustar\0");
    put(263, b"00");
    let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
    h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    Ok(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GNU tar lists and extracts what this writes, byte for byte.
    #[test]
    fn tar_reads_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        std::fs::create_dir_all(src.join("documents")).unwrap();
        std::fs::write(src.join("manifest.json"), b"{}\n").unwrap();
        let pdf: Vec<u8> = (0..1500u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(src.join("documents/F-2026-00001.pdf"), &pdf).unwrap();
        let mut bytes = Vec::new();
        write(&src, "archive-2026", &mut bytes).unwrap();
        assert_eq!(bytes.len() % BLOCK, 0);
        let tarball = dir.path().join("a.tar");
        std::fs::write(&tarball, &bytes).unwrap();
        let Ok(out) = std::process::Command::new("tar").arg("-xf").arg(&tarball).arg("-C").arg(dir.path()).output()
        else {
            return eprintln!("no tar here: SKIPPED");
        };
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(std::fs::read(dir.path().join("archive-2026/documents/F-2026-00001.pdf")).unwrap(), pdf);
        assert_eq!(std::fs::read(dir.path().join("archive-2026/manifest.json")).unwrap(), b"{}\n");
    }
}
