#pragma once
// Checkpoint state. A class lists the state it carries from one round to the next in a single
// `void persist(Archive&)`, which both saves and restores it, so the two can never disagree:
//
//   void persist(Archive& a) { a(params_, momentum_, rng_); }
//
// Scratch buffers rebuilt every round are left out. A loaded archive is untrusted input (a file
// on disk): every read checks the remaining length and throws CheckpointError.
#include <concepts>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace dlsim {

class CheckpointError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Archive;

template <class T>
concept Persistent = requires(T& v, Archive& a) {
  v.persist(a);
};

// Plain values copied as bytes (numbers, enums, Rng, arrays of them).
template <class T>
concept RawValue = std::is_trivially_copyable_v<T> && !Persistent<T> && !std::is_pointer_v<T>;

// Dynamic Eigen matrices.
template <class M>
concept RawMatrix = M::RowsAtCompileTime == -1 && M::ColsAtCompileTime == -1 && requires(M& m) {
  m.data();
  m.resize(m.rows(), m.cols());
};

// Contiguous resizable storage of plain values: std::vector<float>, Eigen vectors.
template <class C>
concept RawSequence = !RawValue<C> && !RawMatrix<C> && requires(C & c, size_t n) {
  typename C::value_type;
  requires RawValue<typename C::value_type>;
  { c.data() } -> std::convertible_to<const typename C::value_type*>;
  c.resize(n);
  c.size();
};

class Archive {
 public:
  // An archive that appends what it is given to `out`.
  static Archive saving(std::vector<uint8_t>& out) { return Archive(&out, {}); }
  // An archive that restores from `in`.
  static Archive loading(std::span<const uint8_t> in) { return Archive(nullptr, in); }

  bool is_loading() const { return out_ == nullptr; }

  template <class... T>
  void operator()(T&... values) {
    (one(values), ...);
  }

  // Loading: fails unless everything was read (a file of another version or run).
  void expect_end() const;

 private:
  Archive(std::vector<uint8_t>* out, std::span<const uint8_t> in) : out_(out), in_(in) {}

  template <RawValue T>
  void one(T& v) {
    bytes(&v, sizeof(T));
  }
  template <RawSequence C>
  void one(C& c) {
    uint64_t n = c.size();
    one(n);
    using V = typename C::value_type;
    if (is_loading()) {
      need_items(n, sizeof(V));
      c.resize(static_cast<decltype(c.size())>(n));
    }
    bytes(c.data(), n * sizeof(V));
  }
  template <RawMatrix M>
  void one(M& m) {
    int64_t rows = m.rows(), cols = m.cols();
    one(rows);
    one(cols);
    if (is_loading()) {
      if (rows < 0 || cols < 0 || (rows > 0 && cols > INT64_MAX / rows))
        throw CheckpointError("checkpoint state is corrupt: a matrix's shape");
      need_items(static_cast<uint64_t>(rows * cols), sizeof(typename M::Scalar));
      m.resize(rows, cols);
    }
    bytes(m.data(), static_cast<size_t>(rows * cols) * sizeof(typename M::Scalar));
  }
  template <Persistent T>
  void one(T& v) {
    v.persist(*this);
  }
  template <class T>
  requires(!RawValue<std::vector<T>> &&
           !RawSequence<std::vector<T>>) void one(std::vector<T>& items) {
    uint64_t n = items.size();
    one(n);
    if (is_loading()) {
      need_items(n, 1);  // every item takes at least a byte: a bound before allocating
      items.resize(n);
    }
    for (auto& item : items) one(item);
  }
  void bytes(void* data, size_t n);
  void need_items(uint64_t n, size_t item_bytes) const;

  std::vector<uint8_t>* out_;
  std::span<const uint8_t> in_;
  size_t at_ = 0;
};

}  // namespace dlsim
