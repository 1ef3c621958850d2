//! A bar chart block: one bar per measurement window, with horizontal levels across it (the
//! target and each credit tier), laid out as shaded rectangles, rules and text — the same
//! items the rest of a page is drawn with.

use crate::blocks::{Align, Color, GREY, Span, Style};
use crate::fonts::{Face, Fonts};
use crate::lines::break_lines;
use crate::paginate::Item;

/// One bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Under the bar: `2027-03`.
    pub label: String,
    pub value: f64,
    /// Over the bar: `99.620 %`.
    pub caption: String,
    pub color: Color,
}

/// A level drawn across the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    pub value: f64,
    /// At the chart's right edge: `target 99.9 %`.
    pub label: String,
    pub color: Color,
    /// Drawn heavier (the target).
    pub strong: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub bars: Vec<Bar>,
    pub levels: Vec<Level>,
    /// The values at the bottom and top of the plot.
    pub floor: f64,
    pub ceiling: f64,
    /// The plot's height in points (labels add to it).
    pub height: f32,
}

const LABEL: Style = Style::new(Face::Regular, 8.0);
/// Room under the plot for the window labels, and over it for the captions.
const UNDER: f32 = 14.0;
const OVER: f32 = 12.0;
/// The plot's share of the width; the rest, at the right, holds the level labels.
const PLOT_SHARE: f32 = 0.74;

impl Chart {
    /// The whole block's height.
    pub fn block_height(&self) -> f32 {
        OVER + self.height + UNDER + 8.0
    }
}

/// Where a line of text stands relative to its `x`.
#[derive(Clone, Copy)]
enum Anchor {
    Start,
    Centre,
    End,
}

/// One line of small text at (`x`, `top`).
fn text(fonts: &Fonts, value: &str, style: Style, x: f32, top: f32, anchor: Anchor) -> Vec<Item> {
    let lines = break_lines(&[Span::new(value, style)], 400.0, Align::Left, fonts);
    let Some(line) = lines.first() else {
        return Vec::new();
    };
    let width = line.fragments.last().map_or(0.0, |f| f.x + f.width);
    let shift = match anchor {
        Anchor::Start => x,
        Anchor::Centre => x - width / 2.0,
        Anchor::End => x - width,
    };
    line.fragments
        .iter()
        .map(|fragment| {
            let mut fragment = fragment.clone();
            fragment.x += shift;
            Item::Text {
                baseline: top + line.ascent,
                fragment,
            }
        })
        .collect()
}

/// The chart's items with its top-left corner at (`left`, `top`), `width` wide.
pub fn items(chart: &Chart, left: f32, top: f32, width: f32, fonts: &Fonts) -> Vec<Item> {
    let plot_top = top + OVER;
    let plot_bottom = plot_top + chart.height;
    // The axis' values at its left, then the plot.
    let axis = |value: f64| format!("{value:.3} %");
    let axis_width = [chart.floor, chart.ceiling]
        .iter()
        .map(|v| fonts.face(LABEL.face).width(&axis(*v), LABEL.size))
        .fold(0.0_f32, f32::max)
        + 6.0;
    let left = left + axis_width;
    let width = width - axis_width;
    let plot_width = width * PLOT_SHARE;
    let span = (chart.ceiling - chart.floor).max(f64::EPSILON);
    let y_of = |value: f64| {
        let share = ((value - chart.floor) / span).clamp(0.0, 1.0) as f32;
        plot_bottom - share * chart.height
    };
    let mut items = vec![
        Item::Rule {
            from: (left, plot_bottom),
            to: (left + plot_width, plot_bottom),
            width: 0.6,
            color: GREY,
        },
        Item::Rule {
            from: (left, plot_top),
            to: (left, plot_bottom),
            width: 0.6,
            color: GREY,
        },
    ];
    for value in [chart.floor, chart.ceiling] {
        items.extend(text(
            fonts,
            &axis(value),
            LABEL,
            left - 4.0,
            y_of(value) - 5.0,
            Anchor::End,
        ));
    }
    let slot = plot_width / chart.bars.len().max(1) as f32;
    let bar_width = (slot * 0.6).min(48.0);
    for (i, bar) in chart.bars.iter().enumerate() {
        let centre = left + slot * (i as f32 + 0.5);
        let y = y_of(bar.value);
        items.push(Item::Shade {
            x: centre - bar_width / 2.0,
            y,
            width: bar_width,
            height: (plot_bottom - y).max(0.5),
            color: bar.color,
        });
        items.extend(text(
            fonts,
            &bar.caption,
            LABEL,
            centre,
            y - OVER + 2.0,
            Anchor::Centre,
        ));
        items.extend(text(
            fonts,
            &bar.label,
            LABEL,
            centre,
            plot_bottom + 3.0,
            Anchor::Centre,
        ));
    }
    // Levels over the bars, each labelled at the right; labels kept apart when levels are close.
    let mut last_label_top = f32::MIN;
    let mut levels: Vec<&Level> = chart.levels.iter().collect();
    levels.sort_by(|a, b| b.value.total_cmp(&a.value));
    for level in levels {
        let y = y_of(level.value);
        items.push(Item::Rule {
            from: (left, y),
            to: (left + plot_width + 4.0, y),
            width: if level.strong { 1.4 } else { 0.6 },
            color: level.color,
        });
        let label_top = (y - 5.0).max(last_label_top + 10.0);
        last_label_top = label_top;
        let style = if level.strong {
            Style::new(Face::Bold, 8.0).colored(level.color, crate::blocks::Mark::None)
        } else {
            LABEL.colored(level.color, crate::blocks::Mark::None)
        };
        items.extend(text(
            fonts,
            &level.label,
            style,
            left + plot_width + 8.0,
            label_top,
            Anchor::Start,
        ));
    }
    items
}
