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
        let sorted = words.sorted { $0.rect.x0 < $1.rect.x0 }
        var slopes: [Double] = []
        for (index, word) in sorted.enumerated() {
            let height = max(word.rect.height, 1)
            // The nearest word to the right whose box overlaps this one's height band.
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
        guard slopes.count >= 20 else { return 0 }
        slopes.sort()
        let angle = atan(slopes[slopes.count / 2])
        return abs(angle) < minimumAngle || abs(angle) > maximumAngle ? 0 : angle
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
