//! The geometry of a horizontal bar chart, in SVG user units: where each bar ends and where the
//! axis ticks stand, on a scale of round values. The app draws it (labels, values, links);
//! keeping the arithmetic here makes it testable and the same on the server and in the browser.

use serde::{Deserialize, Serialize};

/// The drawing's width; it scales with the page through its viewBox.
pub const WIDTH: u32 = 520;
/// Room on the left for the bars' labels.
pub const LABEL_WIDTH: u32 = 190;
/// The longest label that fits that room; a longer one is cut (the table beside shows it whole).
pub const LABEL_CHARS: usize = 24;
/// Room on the right for the last bar's value.
pub const VALUE_ROOM: u32 = 90;
pub const BAR_HEIGHT: u32 = 22;
pub const BAR_GAP: u32 = 12;
/// Room under the bars for the axis and its tick labels.
pub const AXIS_HEIGHT: u32 = 30;

/// A scale from zero to `top` in ticks of `step`, both round numbers of the chart's unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub top: i64,
    pub step: i64,
}

impl Scale {
    /// The smallest round scale that holds `max`, with at most five steps. `unit` is the
    /// smallest step that reads well: 100 for amounts in cents (whole euros), 60 for minutes
    /// (whole hours), 1 for counts.
    pub fn nice(max: i64, unit: i64) -> Self {
        let unit = i128::from(unit.max(1));
        let units = (i128::from(max.max(0)) + unit - 1) / unit;
        if units == 0 {
            return Self { top: to_i64(unit), step: to_i64(unit) };
        }
        let mut magnitude: i128 = 1;
        while magnitude * 10 * 5 < units {
            magnitude *= 10;
        }
        let step = [1, 2, 5, 10].into_iter().map(|m| m * magnitude).find(|s| s * 5 >= units).unwrap_or(magnitude * 10);
        let top = (units + step - 1) / step * step;
        Self { top: to_i64(top * unit), step: to_i64(step * unit) }
    }

    pub fn ticks(&self) -> Vec<i64> {
        let count = if self.step > 0 { self.top / self.step } else { 0 };
        (0..=count).map(|i| i * self.step).collect()
    }
}

fn to_i64(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Where a bar stands: its top edge and how long it is.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BarPlace {
    pub y: f64,
    pub length: f64,
}

/// A drawn chart's frame: the plot's left edge and width, the bars, the ticks' positions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    pub width: u32,
    pub height: u32,
    pub plot_x: f64,
    pub plot_width: f64,
    /// Where the axis line runs.
    pub axis_y: f64,
    pub bars: Vec<BarPlace>,
    pub ticks: Vec<(f64, i64)>,
}

/// The layout of one bar per value on a round scale of `unit`. Negative values draw no bar.
pub fn layout(values: &[i64], unit: i64) -> Layout {
    let scale = Scale::nice(values.iter().copied().max().unwrap_or(0), unit);
    let plot_x = f64::from(LABEL_WIDTH);
    let plot_width = f64::from(WIDTH - LABEL_WIDTH - VALUE_ROOM);
    let x = |value: i64| (value.clamp(0, scale.top) as f64) / (scale.top as f64) * plot_width;
    let bars = values
        .iter()
        .enumerate()
        .map(|(i, v)| BarPlace { y: f64::from(BAR_GAP / 2 + (BAR_HEIGHT + BAR_GAP) * i as u32), length: x(*v) })
        .collect();
    let rows = u32::try_from(values.len()).unwrap_or(u32::MAX).max(1);
    let axis_y = f64::from((BAR_HEIGHT + BAR_GAP) * rows);
    Layout {
        width: WIDTH,
        height: (BAR_HEIGHT + BAR_GAP) * rows + AXIS_HEIGHT,
        plot_x,
        plot_width,
        axis_y,
        bars,
        ticks: scale.ticks().into_iter().map(|t| (plot_x + x(t), t)).collect(),
    }
}

/// A bar's label as it fits its room: whole, or cut on a character with an ellipsis.
pub fn fit_label(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_owned();
    }
    let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_round_and_hold_the_largest_value() {
        assert_eq!(Scale::nice(7, 1), Scale { top: 8, step: 2 });
        assert_eq!(Scale::nice(5, 1), Scale { top: 5, step: 1 });
        assert_eq!(Scale::nice(0, 1), Scale { top: 1, step: 1 });
        assert_eq!(Scale::nice(-3, 1), Scale { top: 1, step: 1 });
        assert_eq!(Scale::nice(1_234, 1), Scale { top: 1_500, step: 500 });
        assert_eq!(Scale::nice(2_400, 60), Scale { top: 2_400, step: 600 }, "40 h in 10 h steps");
        assert_eq!(Scale::nice(12_345_678, 100), Scale { top: 15_000_000, step: 5_000_000 }, "€123,456.78");
        assert_eq!(Scale::nice(1, 100), Scale { top: 100, step: 100 }, "one cent on a scale of one euro");
        for max in [1, 9, 10, 11, 99, 101, 999_999, i64::MAX / 2, i64::MAX] {
            let s = Scale::nice(max, 1);
            assert!(s.top >= max, "{max}: {s:?}");
            assert!(s.top / s.step <= 5 || s.top == i64::MAX, "{max}: {s:?}");
        }
        assert_eq!(Scale::nice(7, 1).ticks(), [0, 2, 4, 6, 8]);
    }

    #[test]
    fn long_labels_are_cut_on_a_character() {
        assert_eq!(fit_label("Entrepôt Lyon Gerland"), "Entrepôt Lyon Gerland");
        let cut = fit_label("Dépôt régional de Saint-Étienne-du-Rouvray");
        assert_eq!(cut.chars().count(), LABEL_CHARS);
        assert!(cut.starts_with("Dépôt régional de Saint") && cut.ends_with('…'), "{cut}");
    }

    #[test]
    fn bars_are_proportional_and_stacked() {
        let l = layout(&[50, 100, 0, -5], 1);
        let full = l.plot_width;
        assert_eq!(l.bars[1].length, full);
        assert_eq!(l.bars[0].length, full / 2.0);
        assert_eq!(l.bars[2].length, 0.0);
        assert_eq!(l.bars[3].length, 0.0, "a negative value draws nothing");
        assert!(l.bars[1].y > l.bars[0].y);
        assert!(l.axis_y > l.bars[3].y + f64::from(BAR_HEIGHT));
        assert_eq!(l.ticks.first(), Some(&(l.plot_x, 0)));
        assert_eq!(l.ticks.last(), Some(&(l.plot_x + full, 100)));
        assert_eq!(layout(&[], 1).bars.len(), 0);
    }
}
