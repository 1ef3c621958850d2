//! Availability samples, the other input monitoring tools export: `timestamp,up`, one row per
//! probe (a year of one-minute probes is 525,600 rows). Each sample stands for the time until
//! the next one; runs of failed probes become unplanned incidents.

use jiff::Timestamp;

use crate::{Cause, Incident, MeasureError};

/// The largest sample file accepted (a year of per-minute samples is about 17 MB).
pub const MAX_SAMPLE_BYTES: usize = 256 * 1024 * 1024;

/// Reads `timestamp,up` samples (header first; `up` is 1/0, true/false or up/down; times in
/// ISO 8601 with offset, in increasing order) into unplanned incidents for `service`. The last
/// sample stands for as long as the gap before it. A malformed line refuses the whole file.
pub fn read_samples(text: &str, service: &str) -> Result<Vec<Incident>, MeasureError> {
    if text.len() > MAX_SAMPLE_BYTES {
        return Err(MeasureError::TooLarge {
            bytes: text.len(),
            max: MAX_SAMPLE_BYTES,
        });
    }
    let mut lines = text.lines().enumerate();
    let header = lines.next().map(|(_, h)| h.trim().to_ascii_lowercase());
    let columns: Vec<&str> = header
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .collect();
    let at = columns
        .iter()
        .position(|c| *c == "timestamp")
        .ok_or(MeasureError::MissingColumn("timestamp"))?;
    let up = columns
        .iter()
        .position(|c| *c == "up")
        .ok_or(MeasureError::MissingColumn("up"))?;
    let mut samples: Vec<(Timestamp, bool)> = Vec::new();
    for (index, line) in lines {
        let line_number = index as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| MeasureError::Line {
            line: line_number,
            reason,
        };
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let field = |i: usize| fields.get(i).copied().unwrap_or("");
        let time: Timestamp = field(at).parse().map_err(|_| {
            bad(format!(
                "timestamp `{}` is not an ISO 8601 time with its offset",
                field(at)
            ))
        })?;
        let is_up = match field(up).to_ascii_lowercase().as_str() {
            "1" | "true" | "up" => true,
            "0" | "false" | "down" => false,
            other => return Err(bad(format!("up `{other}` is not 1 or 0 (true/false, up/down)"))),
        };
        if samples.last().is_some_and(|(previous, _)| *previous >= time) {
            return Err(bad(format!("{time} is not after the sample before it")));
        }
        samples.push((time, is_up));
    }
    let mut incidents: Vec<Incident> = Vec::new();
    for (i, (time, is_up)) in samples.iter().enumerate() {
        if *is_up {
            continue;
        }
        let end = match samples.get(i + 1) {
            Some((next, _)) => *next,
            None => {
                let gap = i
                    .checked_sub(1)
                    .map_or(60, |p| time.as_second() - samples[p].0.as_second());
                Timestamp::from_second(time.as_second() + gap).unwrap_or(*time)
            }
        };
        match incidents.last_mut() {
            Some(last) if last.end == *time => last.end = end,
            _ => incidents.push(Incident {
                start: *time,
                end,
                service: service.to_owned(),
                cause: Cause::Unplanned,
                notified: None,
            }),
        }
    }
    Ok(incidents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_failed_probes_become_incidents() {
        let samples = "timestamp,up\n\
                       2027-04-01T00:00:00Z,1\n\
                       2027-04-01T00:01:00Z,0\n\
                       2027-04-01T00:02:00Z,0\n\
                       2027-04-01T00:03:00Z,1\n\
                       2027-04-01T00:04:00Z,down\n";
        let incidents = read_samples(samples, "web").unwrap();
        assert_eq!(incidents.len(), 2);
        assert_eq!(incidents[0].start, "2027-04-01T00:01:00Z".parse().unwrap());
        assert_eq!(incidents[0].end, "2027-04-01T00:03:00Z".parse().unwrap());
        assert_eq!(
            incidents[1].end,
            "2027-04-01T00:05:00Z".parse().unwrap(),
            "the last sample lasts one gap"
        );
        let backwards = "timestamp,up\n2027-04-01T00:01:00Z,1\n2027-04-01T00:00:00Z,1\n";
        assert!(
            read_samples(backwards, "web")
                .unwrap_err()
                .to_string()
                .starts_with("line 3:")
        );
        let bad = "timestamp,up\n2027-04-01T00:01:00Z,maybe\n";
        assert!(
            read_samples(bad, "web")
                .unwrap_err()
                .to_string()
                .contains("`maybe` is not 1 or 0")
        );
    }
}
