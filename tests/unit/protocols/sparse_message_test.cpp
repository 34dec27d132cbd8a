#include <doctest/doctest.h>

#include "compression/codec_error.hpp"
#include "compression/elias_gamma.hpp"
#include "protocols/random_subsampling.hpp"
#include "protocols/sparse_message.hpp"

using namespace dlsim;

namespace {

MessagePtr encode(bool all, const std::vector<uint32_t>& indices, const std::vector<float>& values,
                  FloatDeflate* deflate = nullptr) {
  MessageWriter writer(2, 5, 1);
  std::vector<uint8_t> scratch;
  write_sparse(writer, 3, 100, all, indices, values, deflate, scratch);
  return writer.finish();
}

}  // namespace

TEST_CASE("a sparse message's size is its encoding, and it decodes to the same coordinates") {
  const std::vector<uint32_t> indices = {0, 1, 7, 40, 99};
  const std::vector<float> values = {1.5f, -2.0f, 0.25f, 8.0f, -1e-3f};
  const MessagePtr m = encode(false, indices, values);
  // header, degree, m, k, flags, index byte count, indices, float32 values
  const size_t index_bytes = (index_code_bits(indices) + 7) / 8;
  CHECK(m->size() == Message::header_bytes + 13 + 4 + index_bytes + 4 * values.size());
  CHECK(m->value_bytes == 4 * values.size());

  FloatDeflate deflate;
  std::vector<uint32_t> got_indices;
  std::vector<float> got_values;
  const SparseShare share = read_sparse(*m, 100, deflate, got_indices, got_values);
  CHECK(share.degree == 3);
  CHECK_FALSE(share.all);
  CHECK(got_indices == indices);
  CHECK(got_values == values);

  SUBCASE("all coordinates go without indices") {
    const std::vector<float> dense(100, 0.5f);
    const MessagePtr full = encode(true, {}, dense);
    CHECK(full->size() == Message::header_bytes + 13 + 400);
    CHECK(read_sparse(*full, 100, deflate, got_indices, got_values).all);
    CHECK(got_indices.empty());
    CHECK(got_values == dense);
  }
  SUBCASE("deflated values decode exactly") {
    FloatDeflate sender;
    const MessagePtr packed = encode(false, indices, values, &sender);
    read_sparse(*packed, 100, deflate, got_indices, got_values);
    CHECK(got_values == values);
  }
}

TEST_CASE("malformed sparse messages are rejected") {
  const std::vector<uint32_t> indices = {3, 9, 50};
  const std::vector<float> values = {1, 2, 3};
  const MessagePtr m = encode(false, indices, values);
  FloatDeflate deflate;
  std::vector<uint32_t> got_indices;
  std::vector<float> got_values;
  CHECK_THROWS_AS(read_sparse(*m, 101, deflate, got_indices, got_values), DecodeError);
  // Every truncation: the payload length in the header is left as the reader's bound.
  for (size_t cut = Message::header_bytes; cut < m->size(); ++cut) {
    Message truncated = *m;
    truncated.bytes.resize(cut);
    bool rejected = false;
    try {
      read_sparse(truncated, 100, deflate, got_indices, got_values);
    } catch (const DecodeError&) {
      rejected = true;
    } catch (const CodecError&) {
      rejected = true;
    }
    CAPTURE(cut);
    CHECK(rejected);
  }
  Message big_k = *m;
  big_k.bytes[Message::header_bytes + 8] = 0xff;  // k above m
  CHECK_THROWS_AS(read_sparse(big_k, 100, deflate, got_indices, got_values), DecodeError);
  Message trailing = *m;
  trailing.bytes.push_back(0);
  CHECK_THROWS(read_sparse(trailing, 100, deflate, got_indices, got_values));
}

TEST_CASE("random subsampling's receiver regenerates the sender's mask from the seed") {
  std::vector<uint32_t> sender, receiver, other;
  subsampling_mask(12345, 1000, 100, sender);
  subsampling_mask(12345, 1000, 100, receiver);
  subsampling_mask(12346, 1000, 100, other);
  CHECK(sender.size() == 100);
  CHECK(sender == receiver);
  CHECK(sender != other);
}

// The fuzzer's first finding: k = 0 read 0 floats into an empty vector's null data() through
// memcpy (undefined behaviour, reported by the sanitizer build).
TEST_CASE("a sparse message of no coordinate decodes to nothing") {
  FloatDeflate deflate;
  for (bool deflated : {false, true}) {
    CAPTURE(deflated);
    const MessagePtr m = encode(false, {}, {}, deflated ? &deflate : nullptr);
    std::vector<uint32_t> indices = {5};
    std::vector<float> values = {1.0f};
    std::vector<float>().swap(values);  // no storage: data() may be null
    const SparseShare share = read_sparse(*m, 100, deflate, indices, values);
    CHECK(share.degree == 3);
    CHECK(indices.empty());
    CHECK(values.empty());
  }
}
