// signSGD's majority vote: the tally of packed messages equals a direct count, ties follow the
// chosen rule, and the outcome's encoding round-trips.
#include <doctest/doctest.h>

#include <vector>

#include "compression/codec_error.hpp"
#include "compression/quantizers.hpp"
#include "protocols/majority_vote.hpp"

using namespace dlsim;

TEST_CASE("the tally of packed signs equals the direct sign of the sum of signs") {
  Rng rng(11);
  for (int voters : {1, 2, 5, 8}) {
    for (size_t d : {1, 7, 8, 9, 100}) {
      CAPTURE(voters);
      CAPTURE(d);
      std::vector<std::vector<float>> values(voters, std::vector<float>(d));
      MajorityVote tally;
      tally.reset(static_cast<int64_t>(d));
      for (auto& v : values) {
        for (auto& x : v) x = static_cast<float>(rng.normal());
        std::vector<uint8_t> bytes;
        pack_signs(v, bytes);
        REQUIRE(tally.add_packed(bytes));
      }
      CHECK(tally.voters() == voters);
      std::vector<float> vote(d);
      tally.decide(VoteTies::zero, rng, vote.data());
      for (size_t k = 0; k < d; ++k) {
        int sum = 0;
        for (const auto& v : values) sum += v[k] < 0 ? -1 : 1;
        CHECK(tally.sums()[k] == sum);
        CHECK(vote[k] == static_cast<float>((sum > 0) - (sum < 0)));
      }
    }
  }
}

TEST_CASE("ties: zero keeps 0, random draws +1 or -1, majorities are untouched") {
  MajorityVote tally;
  tally.reset(4);
  tally.add(std::vector<float>{1, 1, -1, 1});
  tally.add(std::vector<float>{-1, 1, -1, 0});  // 0 votes +1, as it travels
  std::vector<float> vote(4);
  Rng rng(3);
  tally.decide(VoteTies::zero, rng, vote.data());
  CHECK(vote == std::vector<float>{0, 1, -1, 1});
  int plus = 0;
  for (int trial = 0; trial < 200; ++trial) {
    tally.decide(VoteTies::random, rng, vote.data());
    CHECK((vote[0] == 1 || vote[0] == -1));
    CHECK(vote[1] == 1);
    CHECK(vote[2] == -1);
    plus += vote[0] == 1;
  }
  CHECK(plus > 60);
  CHECK(plus < 140);
}

TEST_CASE("a malformed voter is not counted") {
  MajorityVote tally;
  tally.reset(9);
  const std::vector<uint8_t> short_bytes = {0};
  CHECK_FALSE(tally.add_packed(short_bytes));
  const std::vector<uint8_t> padded = {0, 0xFE};  // padding bits set
  CHECK_FALSE(tally.add_packed(padded));
  CHECK(tally.voters() == 0);
  for (int32_t s : tally.sums()) CHECK(s == 0);
}

TEST_CASE("the outcome travels in ceil(d/8) bytes, or ceil(d/4) when zeros must") {
  const std::vector<float> vote = {1, -1, 0, 1, -1, -1, 1, 0, 1, -1};
  std::vector<uint8_t> bytes;
  pack_vote(VoteTies::random, vote, bytes);
  CHECK(bytes.size() == 2);
  std::vector<float> back(vote.size());
  unpack_vote(VoteTies::random, bytes, back);
  for (size_t k = 0; k < vote.size(); ++k) CHECK(back[k] == (vote[k] < 0 ? -1.0f : 1.0f));
  bytes.clear();
  pack_vote(VoteTies::zero, vote, bytes);
  CHECK(bytes.size() == 3);
  unpack_vote(VoteTies::zero, bytes, back);
  CHECK(back == vote);
  CHECK_THROWS_AS(unpack_vote(VoteTies::zero, std::span(bytes).first(2), back), CodecError);
}
