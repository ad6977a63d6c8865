//! A small reader of ZIP archives (.xlsx and .docx are ZIP files): the central directory, then
//! one entry at a time, stored or DEFLATE (`miniz_oxide`). Every limit is checked before the
//! work it bounds: the archive's size, the entry count, each entry's declared and actual
//! decompressed size and their total, so a zip bomb is refused, never inflated.

use super::{Limits, TableIoError};

struct Entry {
    name: String,
    method: u16,
    compressed: usize,
    size: usize,
    local_offset: usize,
}

pub struct Zip<'a> {
    data: &'a [u8],
    entries: Vec<Entry>,
    limits: Limits,
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    d.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    d.get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

const EOCD: u32 = 0x0605_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const LOCAL: u32 = 0x0403_4b50;

impl<'a> Zip<'a> {
    pub fn open(data: &'a [u8], limits: Limits) -> Result<Zip<'a>, TableIoError> {
        if data.len() > limits.file_bytes {
            return Err(TableIoError::TooLarge {
                max_mb: limits.file_bytes / 1_000_000,
            });
        }
        if u32_at(data, 0) != Some(LOCAL) {
            return Err(TableIoError::NotZip);
        }
        // The end record is in the last 22 + 65535 bytes (its comment is at most 65535).
        let from = data.len().saturating_sub(22 + 65_535);
        let eocd = (from..data.len().saturating_sub(21))
            .rev()
            .find(|&i| u32_at(data, i) == Some(EOCD))
            .ok_or(TableIoError::NotZip)?;
        let count = usize::from(u16_at(data, eocd + 10).ok_or(TableIoError::NotZip)?);
        let offset = u32_at(data, eocd + 16).ok_or(TableIoError::NotZip)? as usize;
        if count == 0xFFFF || offset == 0xFFFF_FFFF {
            return Err(TableIoError::Unsupported);
        }
        if count > limits.zip_entries {
            return Err(TableIoError::TooManyEntries {
                max: limits.zip_entries,
            });
        }
        let mut entries = Vec::with_capacity(count);
        let mut at = offset;
        for _ in 0..count {
            if u32_at(data, at) != Some(CENTRAL) {
                return Err(TableIoError::Damaged);
            }
            let field = |o: usize| u32_at(data, at + o).map(|v| v as usize);
            let short = |o: usize| u16_at(data, at + o).map(usize::from);
            let (
                Some(method),
                Some(compressed),
                Some(size),
                Some(name_len),
                Some(extra),
                Some(comment),
                Some(local_offset),
            ) = (
                u16_at(data, at + 10),
                field(20),
                field(24),
                short(28),
                short(30),
                short(32),
                field(42),
            )
            else {
                return Err(TableIoError::Damaged);
            };
            let name = data
                .get(at + 46..at + 46 + name_len)
                .ok_or(TableIoError::Damaged)?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name).replace('\\', "/"),
                method,
                compressed,
                size,
                local_offset,
            });
            at += 46 + name_len + extra + comment;
        }
        let declared: usize = entries
            .iter()
            .map(|e| e.size)
            .fold(0, usize::saturating_add);
        if declared > limits.unzipped_bytes.saturating_mul(4) {
            return Err(TableIoError::ZipBomb {
                max_mb: limits.unzipped_bytes / 1_000_000,
            });
        }
        Ok(Zip {
            data,
            entries,
            limits,
        })
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.name.as_str())
    }

    /// The entry `name`, decompressed; `None` when the archive has no such entry.
    pub fn read(&self, name: &str) -> Result<Option<Vec<u8>>, TableIoError> {
        let Some(e) = self.entries.iter().find(|e| e.name == name) else {
            return Ok(None);
        };
        let bomb = TableIoError::ZipBomb {
            max_mb: self.limits.unzipped_bytes / 1_000_000,
        };
        if e.size > self.limits.unzipped_bytes {
            return Err(bomb);
        }
        let at = e.local_offset;
        if u32_at(self.data, at) != Some(LOCAL) {
            return Err(TableIoError::Damaged);
        }
        let name_len = usize::from(u16_at(self.data, at + 26).ok_or(TableIoError::Damaged)?);
        let extra = usize::from(u16_at(self.data, at + 28).ok_or(TableIoError::Damaged)?);
        let start = at + 30 + name_len + extra;
        let raw = self
            .data
            .get(start..start.saturating_add(e.compressed))
            .ok_or(TableIoError::Damaged)?;
        match e.method {
            0 => Ok(Some(raw.to_vec())),
            8 => {
                miniz_oxide::inflate::decompress_to_vec_with_limit(raw, self.limits.unzipped_bytes)
                    .map(Some)
                    .map_err(|err| match err.status {
                        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => bomb,
                        _ => TableIoError::Damaged,
                    })
            }
            _ => Err(TableIoError::Unsupported),
        }
    }

    /// The entry `name` as UTF-8 text; a missing entry is an error naming it.
    pub fn text(&self, name: &str) -> Result<String, TableIoError> {
        let bytes = self.read(name)?.ok_or_else(|| TableIoError::MissingPart {
            part: name.to_string(),
        })?;
        String::from_utf8(bytes).map_err(|_| TableIoError::Damaged)
    }
}
