// The message readers inside protocols (also driven by fuzz/decoders_fuzz.cpp): each reads its
// well-formed message and rejects the same message truncated or padded by one byte.
#include <doctest/doctest.h>

#include <functional>

#include "compression/codec_error.hpp"
#include "protocols/btard.hpp"
#include "protocols/choco.hpp"
#include "protocols/mixing.hpp"
#include "protocols/ps.hpp"
#include "protocols/random_subsampling.hpp"
#include "protocols/share_protocol.hpp"

using namespace dlsim;

namespace {

constexpr int64_t n = 6;
const std::vector<float> values = {0.5f, -1.0f, 2.0f, 0.0f, 3.5f, -0.25f};

// `reader` returns whether it accepted the message; a DecodeError counts as a refusal.
using Reader = std::function<bool(const Message&)>;

bool accepts(const Reader& reader, const Message& m) {
  try {
    return reader(m);
  } catch (const DecodeError&) {
    return false;
  } catch (const CodecError&) {
    return false;
  }
}

void check_reader(const MessagePtr& good, const Reader& reader) {
  CHECK(accepts(reader, *good));
  Message shorter = *good, longer = *good;
  shorter.bytes.pop_back();
  longer.bytes.push_back(0);
  CHECK_FALSE(accepts(reader, shorter));
  CHECK_FALSE(accepts(reader, longer));
}

}  // namespace

TEST_CASE("dpsgd's model message and ps's vector message") {
  MessageWriter model(1, 1, 0);
  write_model(model, 3, values);
  std::vector<float> out(n);
  check_reader(model.finish(), [&](const Message& m) {
    ModelView view{};
    if (!parse_model(m, n, view)) return false;
    read_model_floats(view, n, out.data());
    return view.degree == 3 && out == values;
  });

  MessageWriter vector(1, 1, 0);
  vector.u32(n);
  vector.values(values);
  check_reader(vector.finish(), [&](const Message& m) { return read_vector(m, n, out.data()); });
}

TEST_CASE("CHOCO's uncompressed q and random subsampling's share") {
  MessageWriter choco(4, 1, 0);
  choco.u32(2);
  choco.u32(n);
  choco.u8(static_cast<uint8_t>(ChocoCompressor::none));
  choco.values(values);
  std::vector<float> received(n), scratch;
  std::vector<uint32_t> indices;
  const Qsgd qsgd(16, true);
  const MessagePtr good = choco.finish();
  check_reader(good, [&](const Message& m) {
    return read_choco(m, ChocoCompressor::none, qsgd, received, indices, scratch) == 2 &&
           received == values;
  });
  // Sent with another compressor than the receiver's: refused.
  CHECK_THROWS_AS(read_choco(*good, ChocoCompressor::sign, qsgd, received, indices, scratch),
                  DecodeError);

  MessageWriter share(3, 1, 0);
  share.u32(1);
  share.u32(n);
  share.u32(2);
  share.u64(99);
  share.values(std::span(values).first(2));
  check_reader(share.finish(), [&](const Message& m) {
    return read_subsample(m, n, indices, scratch) == 1 && indices.size() == 2;
  });
}

TEST_CASE("dAD's relay bundle takes sites in ascending order only") {
  std::vector<Vector> by_site(3, Vector(2));
  std::vector<const float*> shares;
  const auto bundle = [](std::vector<uint32_t> sites) {
    MessageWriter w(2, 1, 3);
    w.u32(static_cast<uint32_t>(sites.size()));
    for (uint32_t site : sites) {
      w.u32(site);
      w.u32(2);
      w.values(std::span(values).first(2));
    }
    return w.finish();
  };
  check_reader(bundle({0, 2}), [&](const Message& m) {
    shares.clear();
    read_relay_bundle(m, 2, by_site, shares);
    return shares.size() == 2 && by_site[2](1) == values[1];
  });
  for (const auto& bad : {std::vector<uint32_t>{2, 0}, {1, 1}, {3}})
    CHECK_THROWS_AS(read_relay_bundle(*bundle(bad), 2, by_site, shares), DecodeError);
}

TEST_CASE("BTARD's aggregates and accusations") {
  MessageWriter aggregate(3, 1, 0);
  aggregate.u32(n);
  aggregate.u8(1);
  aggregate.u8(0);
  aggregate.values(values);
  std::vector<uint8_t> inputs(2);
  std::vector<float> out(n);
  check_reader(aggregate.finish(),
               [&](const Message& m) { return read_btard_floats(m, inputs, out); });

  const std::vector<int> active = {0, 2, 5};
  const auto accusing = [](std::vector<std::pair<uint32_t, uint8_t>> accused) {
    MessageWriter w(6, 1, 2);
    w.u32(static_cast<uint32_t>(accused.size()));
    for (const auto& [peer, reason] : accused) w.u32(peer), w.u8(reason);
    return w.finish();
  };
  std::vector<std::pair<int, BtardReason>> got;
  check_reader(accusing({{5, 1}, {0, 3}}), [&](const Message& m) {
    read_accusations(m, 2, active, got);
    return got.size() == 2 && got[1].second == BtardReason::projection;
  });
  // Itself, an inactive peer, a reason an accusation cannot give, more accusations than peers.
  for (const auto& bad : {std::vector<std::pair<uint32_t, uint8_t>>{{2, 1}},
                          {{1, 1}},
                          {{5, 2}},
                          {{0, 1}, {5, 1}, {0, 3}, {5, 3}}})
    CHECK_THROWS_AS(read_accusations(*accusing(bad), 2, active, got), DecodeError);
}
