/// Trimming without Foundation, for keys and hashes pasted on a command line.
extension String {
    func trimmingWhitespace() -> Substring {
        var text = self[...]
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
