//! A CSV export read for measurement: a size limit, a header whose columns are found by name
//! (any order, any case), and each record with its line number for errors.

use csv::StringRecord;

use crate::MeasureError;

pub(crate) struct CsvFile<'a> {
    reader: csv::Reader<&'a [u8]>,
    headers: StringRecord,
}

impl<'a> CsvFile<'a> {
    /// Opens `text` (at most `max` bytes) and reads its header.
    pub(crate) fn open(text: &'a str, max: usize) -> Result<Self, MeasureError> {
        if text.len() > max {
            return Err(MeasureError::TooLarge {
                bytes: text.len(),
                max,
            });
        }
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| MeasureError::Line {
                line: 1,
                reason: e.to_string(),
            })?
            .clone();
        Ok(Self { reader, headers })
    }

    /// The position of the column headed `name`; `field` names it in the error.
    pub(crate) fn column(&self, name: &str, field: &'static str) -> Result<usize, MeasureError> {
        self.optional_column(name)
            .ok_or(MeasureError::MissingColumn(field))
    }

    /// The position of the column headed `name`, if the file has one.
    pub(crate) fn optional_column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h.eq_ignore_ascii_case(name))
    }

    /// Each record with its line number; a malformed one is an error naming its line.
    pub(crate) fn records(self) -> impl Iterator<Item = Result<(u64, StringRecord), MeasureError>> + 'a {
        self.reader.into_records().map(|record| {
            let record = record.map_err(|e| MeasureError::Line {
                line: e.position().map_or(0, |p| p.line()),
                reason: e.to_string(),
            })?;
            Ok((record.position().map_or(0, |p| p.line()), record))
        })
    }
}
