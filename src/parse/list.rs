//! A post that lists several things ("搬家清理：1. 书桌 2. 办公椅 3. 电饭煲",
//! "Moving out: 1) desk 2) office chair 3) 2 bar stools"): its items, each to be read as a
//! listing of its own with what the rest of the post says of them all (free, lent, when to
//! pick up).

use regex::Regex;
use std::sync::LazyLock;

/// The most items a list may have and be read item by item; a longer one is a 接龙 or a
/// catalogue, read as one post.
pub const MAX_ITEMS: usize = 10;

/// A line that is an item of a list: "1. 书桌", "2) office chair", "3、电饭煲", "- 婴儿车",
/// "• kettle", "① 台灯", "(4) 吧台凳". Group 1 is the item.
static ITEM_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:\(?\d{1,2}\s*[.)、:：．）](?:\s|[^\d\s])|[-•·*●▪]\s|[①②③④⑤⑥⑦⑧⑨⑩]\s*)\s*(.+?)\s*$",
    )
    .expect("item line")
});

/// A number opening an item inside a line: "1) desk 2) office chair", "1.书桌 2.椅子".
static INLINE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s|[,，;；:：])(\d{1,2})\s*[.)、）．]").expect("inline mark")
});

/// What the post says of all its items, and the items; `None` when it is no list of two to
/// [`MAX_ITEMS`] items.
pub fn list_items(text: &str) -> Option<(String, Vec<String>)> {
    if text.contains("接龙") {
        return None;
    }
    by_lines(text)
        .or_else(|| inline(text))
        .filter(|(_, items)| (2..=MAX_ITEMS).contains(&items.len()))
}

/// A list of one item per line.
fn by_lines(text: &str) -> Option<(String, Vec<String>)> {
    let mut head = Vec::new();
    let mut items = Vec::new();
    for line in text.lines() {
        match ITEM_LINE.captures(line) {
            Some(c) => items.push(c[1].to_string()),
            None if !line.trim().is_empty() => head.push(line.trim().to_string()),
            None => {}
        }
    }
    (items.len() >= 2).then(|| (head.join(" "), items))
}

/// A list written on one line, numbered from 1 up: "1) desk 2) office chair, all free". The
/// last item ends at its clause; what follows is said of them all.
fn inline(text: &str) -> Option<(String, Vec<String>)> {
    let mut marks = Vec::new();
    for c in INLINE_MARK.captures_iter(text) {
        let n: usize = c[1].parse().ok()?;
        // A number after a decimal point or before one ("1.5 hours") is no mark.
        let end = c.get(0)?.end();
        if text[end..].starts_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        if n == marks.len() + 1 {
            marks.push((c.get(1)?.start(), end));
        }
    }
    if marks.len() < 2 {
        return None;
    }
    let mut items = Vec::new();
    let mut after = String::new();
    for (i, &(_, start)) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(text.len(), |m| m.0);
        let mut item = text[start..end]
            .trim()
            .trim_end_matches([',', '，', ';', '；']);
        if i + 1 == marks.len() {
            if let Some(cut) = item.find([',', '，', '。', ';', '；', '!', '！']) {
                after = item[cut..]
                    .trim_start_matches([',', '，', '。', ';', '；', '!', '！'])
                    .trim()
                    .to_string();
                item = item[..cut].trim();
            }
        }
        if !item.is_empty() {
            items.push(item.to_string());
        }
    }
    let before = text[..marks[0].0].trim();
    let head = [before, after.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    Some((head, items))
}

/// The text an item is read from: the item first (its title), then what the post says of
/// them all, without the colon that closed the heading.
pub fn item_text(item: &str, head: &str) -> String {
    let head = head.trim().trim_end_matches([':', '：']).trim();
    if head.is_empty() {
        return item.to_string();
    }
    let han = item
        .chars()
        .chain(head.chars())
        .any(super::normalize::is_han);
    let sep = if han { "，" } else { ", " };
    format!("{item}{sep}{head}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_inline_lists() {
        let (head, items) =
            list_items("搬家清理，都免费，周日前自提：\n1. 书桌\n2. 办公椅\n3. 电饭煲 八成新")
                .unwrap();
        assert_eq!(items, ["书桌", "办公椅", "电饭煲 八成新"]);
        assert_eq!(
            item_text(&items[0], &head),
            "书桌，搬家清理，都免费，周日前自提"
        );
        let (head, items) = list_items(
            "Moving out! 1) desk 2) office chair 3) 2 bar stools 4) rice cooker, all free",
        )
        .unwrap();
        assert_eq!(
            items,
            ["desk", "office chair", "2 bar stools", "rice cooker"]
        );
        assert_eq!(head, "Moving out! all free");
        let (_, items) = list_items("出闲置\n- 婴儿车 50积分\n- 儿童餐椅 20积分").unwrap();
        assert_eq!(items, ["婴儿车 50积分", "儿童餐椅 20积分"]);
    }

    #[test]
    fn no_list_where_there_is_none() {
        assert!(list_items("出闲置：冰箱，九成新，原价3000元，60积分").is_none());
        assert!(list_items("can help 1.5 hours on Saturday, 2. maybe Sunday").is_none());
        assert!(list_items("团购接龙\n1. 小王 2箱\n2. 小李 1箱").is_none());
        // One item is no list.
        assert!(list_items("出：\n1. 书桌").is_none());
        // Numbers that do not count up from 1 are no list ("3. 4.").
        assert!(list_items("住3. 楼 4. 单元 出一个书桌").is_none());
    }
}
