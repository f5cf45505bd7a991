import Foundation
import PDFText

/// Scanned pages are rarely straight. The skew is estimated from the words themselves — in a
/// line of print, neighbouring words share a baseline — and words are turned into the straight
/// frame, where lines are horizontal again, before layout reads them.
public struct Deskew: Sendable {
    /// Two words are neighbours on a line when the gap between them is at most this (× height).
    public var maxNeighbourGap: Double = 3
    /// Skews smaller than this (radians, about 0.1°) are left alone.
    public var minimumAngle: Double = 0.0017
    /// Skews larger than this (radians, about 5°) are not believed (a rotated page, a table).
    public var maximumAngle: Double = 0.09

    public init() {}

    /// The page's skew in radians (positive: lines fall to the right, y growing downwards),
    /// the median over neighbouring word pairs; 0 when there is too little text to tell.
    public func angle(of words: [Word]) -> Double {
        angle(fromSlopes: neighbourSlopes(words))
    }

    /// What the words show of the skew: `angle(of:)` and `setsLinesLevel(_:)`, from one pass
    /// over the neighbouring word pairs.
    public func measure(_ words: [Word]) -> (angle: Double, setsLinesLevel: Bool) {
        let slopes = neighbourSlopes(words)
        return (angle(fromSlopes: slopes), setsLinesLevel(slopes: slopes))
    }

    private func angle(fromSlopes unsorted: [Double]) -> Double {
        var slopes = unsorted
        guard slopes.count >= 20 else { return 0 }
        slopes.sort()
        let angle = atan(slopes[slopes.count / 2])
        return abs(angle) < minimumAngle || abs(angle) > maximumAngle ? 0 : angle
    }

    /// The slopes between the baselines of neighbouring words on a line: each word and the
    /// nearest word to its right whose box overlaps its height band.
    func neighbourSlopes(_ words: [Word]) -> [Double] {
        let sorted = words.sorted { $0.rect.x0 < $1.rect.x0 }
        var slopes: [Double] = []
        for (index, word) in sorted.enumerated() {
            let height = max(word.rect.height, 1)
            var next: Word? = nil
            for candidate in sorted[(index + 1)...] {
                if candidate.rect.x0 - word.rect.x1 > maxNeighbourGap * height { break }
                guard candidate.rect.x0 >= word.rect.x1 - 0.5,
                      abs(candidate.rect.midY - word.rect.midY) < height * 0.6,
                      abs(candidate.rect.height - word.rect.height) < height * 0.35 else { continue }
                next = candidate
                break
            }
            guard let next else { continue }
            let dx = next.rect.midX - word.rect.midX
            guard dx > height else { continue }
            // Baselines (box bottoms) are steadier than centres across letters with descenders.
            slopes.append((next.rect.y1 - word.rect.y1) / dx)
        }
        return slopes
    }

    /// Words turned by `-angle` around `centre`: into the straight frame.
    public static func straighten(_ words: [Word], angle: Double, centre: (x: Double, y: Double)) -> [Word] {
        guard angle != 0 else { return words }
        return words.map { word in
            var copy = word
            copy.rect = rotate(word.rect, by: -angle, around: centre)
            return copy
        }
    }

    /// Words of an OCR text layer that sets each line level, turned by `-angle` around `centre`
    /// line by line: tesseract's PDF renderer puts the words of one line on one level baseline
    /// whatever the page's skew, so the skew shows only from line to line (a table row's values,
    /// each a line of its own, climb across the page) and neighbouring words tell nothing of it.
    /// Each line (a run of words sharing their box's top and bottom, no wider apart than
    /// `maxNeighbourGap` × their height) moves as one, by where its middle turns: turning its
    /// words one by one would tilt a level line the other way. A word with no such neighbour
    /// turns on its own, as `straighten` turns every word.
    public func straightenLines(_ words: [Word], angle: Double, centre: (x: Double, y: Double)) -> [Word] {
        guard angle != 0 else { return words }
        var moved = words
        for line in levelLines(words) {
            guard let extent = line.map({ words[$0].rect }).unionAll() else { continue }
            let turned = Self.rotate(extent, by: -angle, around: centre)
            let (dx, dy) = (turned.midX - extent.midX, turned.midY - extent.midY)
            for index in line {
                let rect = words[index].rect
                moved[index].rect = Rect(x0: rect.x0 + dx, y0: rect.y0 + dy, x1: rect.x1 + dx, y1: rect.y1 + dy)
            }
        }
        return moved
    }

    /// Whether the words set (some of) their lines level: `levelLineShare` or more of the
    /// neighbouring words share their baseline exactly (within `levelTolerance` points over ten
    /// points of distance), as an OCR layer that places a line's words on one level baseline
    /// does (tesseract's, for many of its lines). Those pairs say nothing of the skew, which shows
    /// only from line to line, and draw the median of `angle(of:)` towards 0: the image tells
    /// the skew of such a page. Words placed one by one on a skewed page step up or down.
    public func setsLinesLevel(_ words: [Word]) -> Bool {
        setsLinesLevel(slopes: neighbourSlopes(words))
    }

    private func setsLinesLevel(slopes: [Double]) -> Bool {
        let level = slopes.count(where: { abs($0) * 10 <= levelTolerance })
        return level >= 10 && Double(level) >= levelLineShare * Double(slopes.count)
    }

    /// Share of level neighbour pairs from which a page's words count as set level line by line
    /// (tesseract layers of skewed scans measured 20 to 90 %; words placed one by one under 5 %).
    public var levelLineShare = 0.2

    /// Largest difference (points) between the tops, and between the bottoms, of two words set
    /// on one level line (and of their baselines ten points apart).
    public var levelTolerance: Double = 0.05

    /// Runs of words (indices, left to right) sharing their box's top and bottom within
    /// `levelTolerance` and no further apart than `maxNeighbourGap` × their height.
    func levelLines(_ words: [Word]) -> [[Int]] {
        let order = words.indices.sorted { (words[$0].rect.y0, words[$0].rect.x0) < (words[$1].rect.y0, words[$1].rect.x0) }
        var lines: [[Int]] = []
        for index in order {
            let rect = words[index].rect
            if let last = lines.last?.last {
                let before = words[last].rect
                if abs(before.y0 - rect.y0) <= levelTolerance, abs(before.y1 - rect.y1) <= levelTolerance,
                   rect.x0 >= before.x1 - 0.5, rect.x0 - before.x1 <= maxNeighbourGap * max(rect.height, 1) {
                    lines[lines.count - 1].append(index)
                    continue
                }
            }
            lines.append([index])
        }
        return lines
    }

    /// A box turned by `angle` around `centre`: its centre moves, its size stays (the angles
    /// are small).
    public static func rotate(_ rect: Rect, by angle: Double, around centre: (x: Double, y: Double)) -> Rect {
        let c = cos(angle), s = sin(angle)
        let dx = rect.midX - centre.x, dy = rect.midY - centre.y
        // Turning by -θ straightens a line whose slope is tan θ (y down): y' = cy − dx·sinθ + dy·cosθ.
        let x = centre.x + dx * c - dy * s
        let y = centre.y + dx * s + dy * c
        return Rect(x0: x - rect.width / 2, y0: y - rect.height / 2, x1: x + rect.width / 2, y1: y + rect.height / 2)
    }
}
