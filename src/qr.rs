//! QR codes as PNG images (a check-in code the phone camera reads), drawn with the `qrcode`
//! crate and encoded with `png`: black modules on white, a quiet zone of four modules.

use qrcode::{Color, EcLevel, QrCode};

/// Pixels per module.
const SCALE: usize = 8;
/// Modules of white around the code (the standard's quiet zone).
const QUIET: usize = 4;

/// The PNG image of a QR code holding `payload`.
pub fn png(payload: &str) -> Result<Vec<u8>, String> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|e| e.to_string())?;
    let n = code.width();
    let colors = code.to_colors();
    let side = (n + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, c) in colors.iter().enumerate() {
        if *c != Color::Dark {
            continue;
        }
        let (x, y) = (i % n + QUIET, i / n + QUIET);
        for dy in 0..SCALE {
            let row = (y * SCALE + dy) * side;
            pixels[row + x * SCALE..row + (x + 1) * SCALE].fill(0);
        }
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, side as u32, side as u32);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().map_err(|e| e.to_string())?;
        w.write_image_data(&pixels).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_of_the_right_size_whose_modules_match_the_code() {
        let payload = "https://t.me/linli_bot?start=ci-K7M3PX";
        let bytes = png(payload).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).unwrap();
        let n = code.width();
        assert_eq!(info.width as usize, (n + 2 * QUIET) * SCALE);
        // The corner of the quiet zone is white; the finder pattern's corner is black.
        assert_eq!(buf[0], 255);
        let side = info.width as usize;
        let at =
            |mx: usize, my: usize| buf[(my * SCALE + SCALE / 2) * side + mx * SCALE + SCALE / 2];
        assert_eq!(at(QUIET, QUIET), 0);
        for (i, c) in code.to_colors().iter().enumerate() {
            let want = if *c == Color::Dark { 0 } else { 255 };
            assert_eq!(at(i % n + QUIET, i / n + QUIET), want);
        }
    }
}
