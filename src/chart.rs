//! Charts for the workers' desk, drawn in memory as PNG (plotters), with an embedded CJK font
//! (`assets/fonts`), so Chinese labels render on any machine and never as boxes.

use std::sync::OnceLock;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{register_font, FontStyle};

static FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-GB2312.otf");
const FAMILY: &str = "sans-serif";

/// The size every chart is drawn at.
pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 500;

fn font_ready() -> Result<(), String> {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    READY
        .get_or_init(|| {
            register_font(FAMILY, FontStyle::Normal, FONT).map_err(|_| "bad chart font".to_string())
        })
        .clone()
}

/// A bar chart: a title, the label under the bars, and (label, value) bars in order.
pub fn bars_png(title: &str, y_desc: &str, bars: &[(String, i64)]) -> Result<Vec<u8>, String> {
    font_ready()?;
    let (w, h) = (WIDTH, HEIGHT);
    let mut rgb = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let n = bars.len().max(1) as i32;
        let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
        let top = max + (max / 5).max(1);
        let labels: Vec<&str> = bars.iter().map(|b| b.0.as_str()).collect();
        let mut chart = ChartBuilder::on(&root)
            .caption(title, (FAMILY, 30))
            .margin(15)
            .x_label_area_size(45)
            .y_label_area_size(60)
            .build_cartesian_2d((0..n - 1).into_segmented(), 0i64..top)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc(y_desc)
            .axis_desc_style((FAMILY, 18))
            .label_style((FAMILY, 15))
            .x_labels(bars.len().max(1))
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => labels.get(*i as usize).unwrap_or(&"").to_string(),
                _ => String::new(),
            })
            .draw()
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(
                Histogram::vertical(&chart)
                    .style(RGBColor(46, 125, 50).mix(0.75).filled())
                    .margin(12)
                    .data(bars.iter().enumerate().map(|(i, b)| (i as i32, b.1))),
            )
            .map_err(|e| e.to_string())?;
        // The figure above each bar.
        chart
            .draw_series(bars.iter().enumerate().map(|(i, b)| {
                Text::new(
                    b.1.to_string(),
                    (SegmentValue::CenterOf(i as i32), b.1),
                    TextStyle::from((FAMILY, 18).into_font())
                        .pos(Pos::new(HPos::Center, VPos::Bottom)),
                )
            }))
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.write_header()
            .and_then(|mut wr| wr.write_image_data(&rgb))
            .map_err(|e| e.to_string())?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The PNG decodes at the promised size, and the Chinese title leaves ink where it is drawn
    /// (a missing font would leave the caption band white).
    #[test]
    fn a_chart_with_chinese_labels_decodes() {
        let bars = vec![("送出".to_string(), 12), ("求助".to_string(), 5)];
        let png_bytes = bars_png("本月交接", "次数", &bars).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(&png_bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
        let caption_band = &buf[..(info.line_size * 45)];
        let inked = caption_band.chunks(3).filter(|p| p[0] < 128).count();
        assert!(inked > 200, "the caption drew {inked} dark pixels");
    }
}
