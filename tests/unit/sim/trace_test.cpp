#include "sim/trace.hpp"

#include <doctest/doctest.h>

using namespace dlsim;

TEST_CASE("a trace reads back every operation it recorded, in order") {
  Trace t;
  t.round(1);
  t.train(1.5e9, 0.25);
  t.compute(0);
  const int from[] = {2, 300, 70000};
  t.send(70000, 3, uint64_t{1} << 40, 12345);
  t.gather(3, from);
  t.publish(101770);
  t.read_board();
  t.round(2);

  // Through an archive, as in a checkpoint.
  std::vector<uint8_t> bytes;
  Archive out = Archive::saving(bytes);
  out(t);
  Trace back;
  Archive in = Archive::loading(bytes);
  in(back);

  size_t at = 0;
  Trace::Entry e;
  REQUIRE(back.next(at, e));
  CHECK((e.op == Trace::Op::round && e.round == 1));
  REQUIRE(back.next(at, e));
  CHECK((e.op == Trace::Op::train && e.flops == 1.5e9 && e.loss == 0.25));
  REQUIRE(back.next(at, e));
  CHECK((e.op == Trace::Op::compute && e.flops == 0));
  REQUIRE(back.next(at, e));
  CHECK((e.op == Trace::Op::send && e.dst == 70000 && e.tag == 3));
  CHECK((e.bytes == uint64_t{1} << 40 && e.value_bytes == 12345));
  REQUIRE(back.next(at, e));
  CHECK((e.op == Trace::Op::gather && e.tag == 3 && e.from == std::vector<int>{2, 300, 70000}));
  REQUIRE(back.next(at, e));
  CHECK((e.op == Trace::Op::publish && e.count == 101770));
  REQUIRE(back.next(at, e));
  CHECK(e.op == Trace::Op::read_board);
  REQUIRE(back.next(at, e));
  CHECK((e.op == Trace::Op::round && e.round == 2));
  CHECK_FALSE(back.next(at, e));
  CHECK(at == back.size());
}

TEST_CASE("a corrupt trace is refused") {
  Trace t;
  const int from[] = {1, 2};
  t.gather(1, from);
  const size_t boundary = t.size();
  t.train(1, 2);
  std::vector<uint8_t> bytes;
  Archive out = Archive::saving(bytes);
  out(t);
  // Every truncation inside an operation, and an unknown operation.
  for (size_t keep = 1; keep < t.size(); ++keep) {
    if (keep == boundary) continue;  // a whole gather: a valid trace
    CAPTURE(keep);
    Trace cut = t;
    cut.truncate(keep);
    size_t at = 0;
    Trace::Entry e;
    CHECK_THROWS_AS(while (cut.next(at, e)){}, CheckpointError);
  }
  Trace bad;
  std::vector<uint8_t> raw = {1, 0, 0, 0, 0, 0, 0, 0, 99};  // one byte: op 99
  Archive in = Archive::loading(raw);
  in(bad);
  size_t at = 0;
  Trace::Entry e;
  CHECK_THROWS_AS(bad.next(at, e), CheckpointError);
}
