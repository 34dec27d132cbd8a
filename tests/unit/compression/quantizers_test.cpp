// QSGD, sign+norm, 1-bit and ternary sign packing: sizes, values, unbiasedness, bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <vector>

#include "compression/codec_error.hpp"
#include "compression/quantizers.hpp"

using namespace dlsim;

namespace {

std::vector<float> random_vector(size_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<float> v(n);
  for (auto& x : v) x = static_cast<float>(rng.normal());
  return v;
}

}  // namespace

TEST_CASE("qsgd is unbiased: the mean of many draws approaches the input") {
  const auto x = random_vector(40, 1);
  double norm = 0;
  for (float v : x) norm += double{v} * v;
  norm = std::sqrt(norm);
  for (uint32_t s : {1u, 4u, 16u}) {
    CAPTURE(s);
    const Qsgd q(s);
    Rng rng(2);
    const int draws = 4000;
    std::vector<double> mean(x.size(), 0.0);
    std::vector<float> decoded(x.size());
    std::vector<uint8_t> bytes;
    for (int d = 0; d < draws; ++d) {
      bytes.clear();
      q.encode(x, rng, bytes, decoded);
      for (size_t i = 0; i < x.size(); ++i) mean[i] += decoded[i] / draws;
    }
    // One draw's error is at most norm / s, so the mean's sd is below norm / (s sqrt(draws)).
    const double bound = 5 * norm / (s * std::sqrt(double{draws}));
    for (size_t i = 0; i < x.size(); ++i) {
      CAPTURE(i);
      CHECK(std::fabs(mean[i] - x[i]) < bound);
    }
    // A rounding that always goes down would be biased and fail the same check.
    if (s == 1) {
      double floor_error = 0;
      for (float v : x) floor_error = std::max(floor_error, std::fabs(double{v}));
      CHECK(floor_error > bound);
    }
  }
}

TEST_CASE("qsgd values are norm * sign * level / s and decode bit for bit") {
  const auto x = random_vector(1001, 3);
  for (bool biased : {false, true}) {
    const Qsgd q(15, biased);
    Rng rng(4);
    std::vector<uint8_t> bytes = {0xAA};  // a header already in the buffer is kept
    std::vector<float> sent(x.size()), received(x.size());
    q.encode(x, rng, bytes, sent);
    REQUIRE(bytes[0] == 0xAA);
    const std::span<const uint8_t> payload(bytes.data() + 1, bytes.size() - 1);
    q.decode(payload, received);
    CHECK(std::memcmp(sent.data(), received.data(), sent.size() * sizeof(float)) == 0);
    float scale = 0;
    std::memcpy(&scale, payload.data(), sizeof scale);
    size_t bits = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      const double level = std::round(std::fabs(double{sent[i]}) * 15 / scale);
      CHECK(level <= 15);
      CHECK(std::fabs(std::fabs(double{sent[i]}) - scale * level / 15) < 1e-6 * scale);
      if (sent[i] != 0) CHECK(std::signbit(sent[i]) == std::signbit(x[i]));
      bits += 4 + (level != 0 ? 1 : 0);
    }
    CHECK(payload.size() == 4 + (bits + 7) / 8);
    if (biased) {
      // CHOCO's scale: 1 / (min(d / s^2, sqrt(d) / s) + 1) = 1 / (min(4.45, 2.11) + 1).
      double norm = 0;
      for (float v : x) norm += double{v} * v;
      CHECK(scale == doctest::Approx(std::sqrt(norm) / (std::sqrt(1001.0) / 15 + 1)));
    }
  }
}

TEST_CASE("qsgd handles zero vectors and rejects bad input") {
  const Qsgd q(4);
  Rng rng(1);
  std::vector<uint8_t> bytes;
  std::vector<float> out(5, 1.0f);
  q.encode(std::vector<float>(5, 0.0f), rng, bytes, out);
  CHECK(out == std::vector<float>(5, 0.0f));
  CHECK(bytes.size() == 4 + 2);  // 5 levels of 3 bits, no sign bits
  std::vector<float> decoded(5);
  q.decode(bytes, decoded);
  CHECK(decoded == out);
  CHECK_THROWS_AS(Qsgd(0), std::invalid_argument);

  bytes.clear();
  const auto x = random_vector(64, 8);
  q.encode(x, rng, bytes);
  std::vector<float> back(64);
  CHECK_NOTHROW(q.decode(bytes, back));
  for (size_t cut = 0; cut < bytes.size(); ++cut)
    CHECK_THROWS_AS(q.decode(std::span(bytes).first(cut), back), CodecError);
  auto longer = bytes;
  longer.push_back(0);
  CHECK_THROWS_AS(q.decode(longer, back), CodecError);
  auto negative = bytes;
  const float minus = -1.0f;
  std::memcpy(negative.data(), &minus, sizeof minus);
  CHECK_THROWS_AS(q.decode(negative, back), CodecError);
  // Level 7 > s = 4 in the first coordinate (3 bits 111).
  auto big = bytes;
  big[4] |= 0xE0;
  CHECK_THROWS_AS(q.decode(big, back), CodecError);
}

TEST_CASE("sign+norm sends ||x||_1 / d times the signs") {
  const std::vector<float> x = {1, -2, 0, 4, -1};
  std::vector<uint8_t> bytes;
  std::vector<float> sent(5), received(5);
  encode_sign_norm(x, bytes, sent);
  CHECK(bytes.size() == 4 + 1);
  CHECK(sent == std::vector<float>{1.6f, -1.6f, 1.6f, 1.6f, -1.6f});  // 8 / 5; zero goes as +
  decode_sign_norm(bytes, received);
  CHECK(received == sent);
  CHECK_THROWS_AS(decode_sign_norm(std::span(bytes).first(4), received), CodecError);
}

TEST_CASE("sign packing uses ceil(d/8) bytes and round trips") {
  for (size_t d : {0, 1, 7, 8, 9, 63, 64, 65, 1000}) {
    CAPTURE(d);
    auto x = random_vector(d, d);
    std::vector<uint8_t> bytes;
    pack_signs(x, bytes);
    CHECK(bytes.size() == (d + 7) / 8);
    CHECK(bytes.size() == sign_bytes(d));
    std::vector<float> signs(d);
    unpack_signs(bytes, signs);
    for (size_t i = 0; i < d; ++i) CHECK(signs[i] == (x[i] < 0 ? -1.0f : 1.0f));
  }
  std::vector<uint8_t> bytes;
  pack_signs(std::vector<float>{-1, 2, -3, 0, 5, 6, 7, -8, -9}, bytes);
  CHECK(bytes == std::vector<uint8_t>{0b10000101, 0b00000001});
  std::vector<float> out(9);
  CHECK_THROWS_AS(unpack_signs(std::span(bytes).first(1), out), CodecError);
  bytes[1] |= 0x02;  // a padding bit
  CHECK_THROWS_AS(unpack_signs(bytes, out), CodecError);
}

TEST_CASE("ternary packing carries zeros in 2 bits per value") {
  for (size_t d : {0, 1, 3, 4, 5, 1001}) {
    CAPTURE(d);
    Rng rng(d);
    std::vector<float> x(d);
    for (auto& v : x) v = static_cast<float>(static_cast<int>(rng.below(3)) - 1) * 2.5f;
    std::vector<uint8_t> bytes;
    pack_ternary(x, bytes);
    CHECK(bytes.size() == (d + 3) / 4);
    CHECK(bytes.size() == ternary_bytes(d));
    std::vector<float> back(d);
    unpack_ternary(bytes, back);
    for (size_t i = 0; i < d; ++i) CHECK(back[i] == (x[i] > 0 ? 1.0f : x[i] < 0 ? -1.0f : 0.0f));
  }
  std::vector<uint8_t> bytes;
  pack_ternary(std::vector<float>{0, 3, -1, 0, -2}, bytes);
  CHECK(bytes == std::vector<uint8_t>{0b00100100, 0b00000010});
  std::vector<float> out(5);
  auto invalid = bytes;
  invalid[0] |= 0b11;
  CHECK_THROWS_AS(unpack_ternary(invalid, out), CodecError);
  auto padded = bytes;
  padded[1] |= 0b0100;
  CHECK_THROWS_AS(unpack_ternary(padded, out), CodecError);
  CHECK_THROWS_AS(unpack_ternary(std::span(bytes).first(1), out), CodecError);
}

TEST_CASE("a diverged model's NaN and infinite coordinates travel as 0, never as NaN") {
  constexpr float nan = std::numeric_limits<float>::quiet_NaN();
  constexpr float inf = std::numeric_limits<float>::infinity();
  const std::vector<float> x = {3, nan, -4, inf, -inf, 0};
  Rng rng(5);
  for (uint32_t levels : {1u, 4u, 255u}) {
    CAPTURE(levels);
    const Qsgd q(levels);
    std::vector<uint8_t> bytes;
    std::vector<float> sent(x.size()), received(x.size());
    q.encode(x, rng, bytes, sent);
    q.decode(bytes, received);
    CHECK(sent == received);
    // The norm is that of the finite part (5), so no coordinate exceeds it and the rest are 0.
    for (size_t i = 0; i < x.size(); ++i) {
      CAPTURE(i);
      CHECK(std::isfinite(received[i]));
      CHECK(std::fabs(received[i]) <= 5.0f);
      if (!std::isfinite(x[i])) CHECK(received[i] == 0);
    }
  }
  std::vector<uint8_t> bytes;
  std::vector<float> sent(x.size()), received(x.size());
  encode_sign_norm(x, bytes, sent);
  decode_sign_norm(bytes, received);
  CHECK(sent == received);
  for (float v : received) CHECK(std::fabs(v) == doctest::Approx(7.0 / 6));  // (3 + 4) / 6
  const std::vector<float> all_nan(4, nan);
  bytes.clear();
  encode_sign_norm(all_nan, bytes);
  std::vector<float> zeros(4, 1.0f);
  decode_sign_norm(bytes, zeros);
  CHECK(zeros == std::vector<float>(4, 0.0f));
}
