//! The page-filling machinery: text wrapped to the page width, headings kept with what
//! follows, and every drawing operation recorded in a block (one heading, paragraph or figure)
//! so the page count is known before anything is drawn.

use super::super::assets::Assets;
use super::super::svg::wrap_lines;
use super::{BODY, BOTTOM, INK, MARGIN, PAGE_W};

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Role {
    H1,
    H2,
    P,
    Figure,
}

pub(super) enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: (u8, u8, u8),
        text: String,
    },
    /// A small shape-and-colour sample beside a legend entry (decorative: the words say it).
    Swatch {
        x: f32,
        y: f32,
        size: f32,
        shape: String,
        colour: String,
    },
    Map {
        x: f32,
        y: f32,
        size: f32,
    },
}

pub(super) struct Block {
    pub(super) role: Role,
    pub(super) alt: Option<String>,
    pub(super) ops: Vec<(usize, Op)>,
}

pub(super) struct Layout<'a> {
    pub(super) assets: &'a Assets,
    pub(super) page: usize,
    pub(super) y: f32,
    pub(super) blocks: Vec<Block>,
}

impl<'a> Layout<'a> {
    pub(super) fn new(assets: &'a Assets) -> Self {
        Layout {
            assets,
            page: 0,
            y: MARGIN,
            blocks: Vec::new(),
        }
    }

    pub(super) fn new_page(&mut self) {
        self.page += 1;
        self.y = MARGIN;
    }

    /// Make sure `height` fits on this page, else move to the next.
    pub(super) fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > MARGIN {
            self.new_page();
        }
    }

    pub(super) fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let metrics = if bold {
            &self.assets.bold
        } else {
            &self.assets.regular
        };
        metrics.width(text, size)
    }

    pub(super) fn wrap(&self, text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
        let mut out = Vec::new();
        for para in text.split('\n') {
            let lines = wrap_lines(para, f64::from(max), usize::MAX, &|s| {
                f64::from(self.width(s, size, bold))
            });
            if lines.is_empty() {
                out.push(String::new());
            }
            out.extend(lines);
        }
        out
    }

    pub(super) fn heading(&mut self, level: u8, text: &str) {
        let (size, before) = if level == 1 {
            (20.0, 6.0)
        } else {
            (14.0, 10.0)
        };
        let lines = self.wrap(text, size, true, PAGE_W - 2.0 * MARGIN);
        let line_h = size * 1.3;
        // Keep a heading with at least three lines of what follows.
        self.room(before + line_h * lines.len() as f32 + 3.0 * BODY * 1.45);
        if self.y > MARGIN {
            self.y += before;
        }
        let mut block = Block {
            role: if level == 1 { Role::H1 } else { Role::H2 },
            alt: None,
            ops: Vec::new(),
        };
        for line in lines {
            self.y += line_h;
            block.ops.push((
                self.page,
                Op::Text {
                    x: MARGIN,
                    y: self.y - size * 0.25,
                    size,
                    bold: true,
                    colour: INK,
                    text: line,
                },
            ));
        }
        self.y += 4.0;
        self.blocks.push(block);
    }

    /// A paragraph, wrapped, starting at `indent`; may run over a page break.
    pub(super) fn para_at(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        indent: f32,
        colour: (u8, u8, u8),
    ) {
        let line_h = size * 1.45;
        let lines = self.wrap(text, size, bold, PAGE_W - MARGIN - indent);
        let mut block = Block {
            role: Role::P,
            alt: None,
            ops: Vec::new(),
        };
        for line in lines {
            self.room(line_h);
            self.y += line_h;
            if !line.is_empty() {
                block.ops.push((
                    self.page,
                    Op::Text {
                        x: indent,
                        y: self.y - size * 0.3,
                        size,
                        bold,
                        colour,
                        text: line,
                    },
                ));
            }
        }
        self.y += size * 0.45;
        if !block.ops.is_empty() {
            self.blocks.push(block);
        }
    }

    pub(super) fn para(&mut self, text: &str) {
        self.para_at(text, BODY, false, MARGIN, INK);
    }

    pub(super) fn gap(&mut self, h: f32) {
        self.y += h;
    }
}
