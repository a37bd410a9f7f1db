/// The box every plot is drawn in: canvas size, margins for the axes, and the helpers that
/// map data to pixels and draw axes with ticks and labels.
struct SVGFrame {
    let width = 720.0
    let height = 300.0
    let left = 64.0
    let right = 16.0
    let top = 16.0
    let bottom = 48.0

    var plotWidth: Double { width - left - right }
    var plotHeight: Double { height - top - bottom }
    var baseline: Double { top + plotHeight }

    /// The pixel row of `value` on a linear y axis from 0 to `maximum`.
    func y(_ value: Double, maximum: Double) -> Double {
        baseline - (maximum > 0 ? value / maximum : 0) * plotHeight
    }

    /// The opening tag, with an accessible title.
    func open(id: String, title: String) -> String {
        "<svg id=\"\(id)\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
            + "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\"><title>\(HTMLText.escape(title))</title>\n"
    }

    /// The y axis with gridlines at `ticks` (the last is the top), and its label.
    func yAxis(ticks: [Double], label: String) -> String {
        let maximum = ticks.last ?? 1
        var out = "<g class=\"axis y\">"
        out += line(left, top, left, baseline)
        for tick in ticks {
            let y = y(tick, maximum: maximum)
            out += "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(width - right))\" y2=\"\(n(y))\"/>"
            out += text(left - 6, y + 4, AxisTicks.label(tick), anchor: "end")
        }
        out += "<text class=\"label\" transform=\"translate(14 \(n(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(HTMLText.escape(label))</text>"
        return out + "</g>\n"
    }

    /// The x axis line, a tick and label at each `(x, label)`, and the axis title.
    func xAxis(ticks: [(x: Double, label: String)], label: String) -> String {
        var out = "<g class=\"axis x\">" + line(left, baseline, width - right, baseline)
        for tick in ticks {
            out += line(tick.x, baseline, tick.x, baseline + 5)
            out += text(tick.x, baseline + 18, tick.label, anchor: "middle")
        }
        out += "<text class=\"label\" x=\"\(n(left + plotWidth / 2))\" y=\"\(n(height - 6))\" text-anchor=\"middle\">\(HTMLText.escape(label))</text>"
        return out + "</g>\n"
    }

    func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class name: String? = nil) -> String {
        let attribute = name.map { " class=\"\($0)\"" } ?? ""
        return "<line\(attribute) x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\"/>"
    }

    func text(_ x: Double, _ y: Double, _ content: String, anchor: String, class name: String? = nil) -> String {
        let attribute = name.map { " class=\"\($0)\"" } ?? ""
        return "<text\(attribute) x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\">\(HTMLText.escape(content))</text>"
    }

    /// A coordinate with one decimal: enough for a screen, short in the file.
    func n(_ value: Double) -> String {
        HTMLText.fixed(value, 1)
    }
}
