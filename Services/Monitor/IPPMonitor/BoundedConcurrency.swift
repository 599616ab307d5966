/// Runs `body` on each of `items`, at most `limit` at once (the next starts as one ends); answers
/// what each returned, in no particular order. The first error thrown ends the rest.
func forEach<Item: Sendable, Answer: Sendable>(
  _ items: [Item],
  atMost limit: Int,
  _ body: @escaping @Sendable (Item) async throws -> Answer
) async throws -> [Answer] {
  try await withThrowingTaskGroup(of: Answer.self) { group in
    var answers: [Answer] = []
    var next = items.makeIterator()
    for _ in 0..<min(limit, items.count) {
      if let item = next.next() { group.addTask { try await body(item) } }
    }
    while let answer = try await group.next() {
      answers.append(answer)
      if let item = next.next() { group.addTask { try await body(item) } }
    }
    return answers
  }
}
