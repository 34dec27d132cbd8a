#include "models/fashion_mnist.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <climits>
#include <filesystem>
#include <fstream>

namespace dlsim {

namespace {

constexpr int kSide = 28;
constexpr int kPixels = kSide * kSide;
constexpr int kClasses = 10;
constexpr uint32_t kImageMagic = 0x00000803;  // IDX: unsigned bytes, 3 dimensions
constexpr uint32_t kLabelMagic = 0x00000801;  // IDX: unsigned bytes, 1 dimension
// Mean and stddev of the training pixels scaled to [0, 1]: the constants every Fashion-MNIST
// pipeline normalises with (torchvision's Normalize((0.2860,), (0.3530,))).
constexpr float kMean = 0.2860f;
constexpr float kStd = 0.3530f;

const char* const kInstallHint = "install the dataset with `apt-get install dataset-fashion-mnist`";

struct Files {
  std::string images, labels;
};

std::string file_in(const Params& params, const char* name) {
  return (std::filesystem::path(params.text("dir")) / name).string();
}

Files train_files(const Params& p) {
  return {file_in(p, "train-images-idx3-ubyte.gz"), file_in(p, "train-labels-idx1-ubyte.gz")};
}
Files test_files(const Params& p) {
  return {file_in(p, "t10k-images-idx3-ubyte.gz"), file_in(p, "t10k-labels-idx1-ubyte.gz")};
}

void check(const Params& params) {
  for (const Files& files : {train_files(params), test_files(params)})
    for (const std::string& path : {files.images, files.labels}) {
      std::error_code error;
      if (!std::filesystem::exists(path, error))
        params.fail("dir", fmt::format("is missing {} ({})", path, kInstallHint));
      if (!std::ifstream(path, std::ios::binary))
        params.fail("dir", fmt::format("has {} but it cannot be read", path));
    }
}

// A gzip stream that closes itself; every failure names the file.
class GzReader {
 public:
  GzReader(const Params& params, std::string path) : params_(params), path_(std::move(path)) {
    file_ = gzopen(path_.c_str(), "rb");
    if (!file_) fail("cannot be opened");
    gzbuffer(file_, 1 << 18);  // fewer, larger reads: the images are ~26 MB compressed
  }
  ~GzReader() { gzclose(file_); }
  GzReader(const GzReader&) = delete;
  GzReader& operator=(const GzReader&) = delete;

  void read(void* out, size_t bytes) {
    auto* p = static_cast<unsigned char*>(out);
    while (bytes > 0) {
      const auto chunk = static_cast<unsigned>(std::min<size_t>(bytes, INT_MAX));
      const int got = gzread(file_, p, chunk);
      if (got < 0) {
        int code = 0;
        fail(fmt::format("is not a readable gzip file ({})", gzerror(file_, &code)));
      }
      if (got == 0) fail("is truncated");
      p += got;
      bytes -= static_cast<size_t>(got);
    }
  }

  uint32_t big_endian_u32() {
    std::array<unsigned char, 4> b{};
    read(b.data(), b.size());
    return uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | uint32_t{b[3]};
  }

  [[noreturn]] void fail(const std::string& what) const {
    params_.fail("dir", fmt::format("does not hold valid Fashion-MNIST: {} {}", path_, what));
  }

 private:
  const Params& params_;
  std::string path_;
  gzFile file_ = nullptr;
};

// Reads the header of an IDX file and returns its item count after checking magic and shape.
uint32_t read_header(GzReader& in, uint32_t magic, bool images) {
  const uint32_t got = in.big_endian_u32();
  if (got != magic)
    in.fail(fmt::format("has magic number {:#010x}, expected {:#010x} (IDX {})", got, magic,
                        images ? "images" : "labels"));
  const uint32_t count = in.big_endian_u32();
  if (images) {
    const uint32_t rows = in.big_endian_u32(), cols = in.big_endian_u32();
    if (rows != kSide || cols != kSide)
      in.fail(fmt::format("holds {}x{} images, expected {}x{}", rows, cols, kSide, kSide));
  }
  return count;
}

// Loads one split: its first params[key] samples, or all of them when that is null.
std::shared_ptr<Dataset> load_split(const Params& params, const Files& files, const char* key) {
  GzReader images(params, files.images), labels(params, files.labels);
  const uint32_t image_count = read_header(images, kImageMagic, true);
  const uint32_t label_count = read_header(labels, kLabelMagic, false);
  if (image_count != label_count)
    labels.fail(fmt::format("has {} labels for the {} images of {}", label_count, image_count,
                            files.images));
  int64_t n = image_count;
  if (!params.is_null(key)) {
    if (params.integer(key) > n)
      params.fail(key, fmt::format("exceeds the {} samples of {}", n, files.images));
    n = params.integer(key);
  }

  auto data = std::make_shared<Dataset>();
  data->shape = {1, kSide, kSide};
  data->classes = kClasses;
  data->y.resize(static_cast<size_t>(n));
  std::vector<unsigned char> bytes(static_cast<size_t>(n));
  labels.read(bytes.data(), bytes.size());
  for (int64_t i = 0; i < n; ++i) {
    if (bytes[i] >= kClasses) labels.fail(fmt::format("has label {} at {}", bytes[i], i));
    data->y[i] = bytes[i];
  }

  // A table maps each byte to its normalised value; images are read in blocks so the bytes stay
  // in cache while being converted.
  std::array<float, 256> value{};
  const bool normalize = params.flag("normalize");
  for (int b = 0; b < 256; ++b)
    value[b] = normalize ? (static_cast<float>(b) / 255.0f - kMean) / kStd
                         : static_cast<float>(b) / 255.0f;
  data->x.resize(n, kPixels);
  constexpr int64_t kBlock = 2048;
  bytes.resize(kBlock * kPixels);
  for (int64_t first = 0; first < n; first += kBlock) {
    const int64_t count = std::min(kBlock, n - first);
    images.read(bytes.data(), static_cast<size_t>(count * kPixels));
    float* out = data->x.data() + first * kPixels;
    for (int64_t i = 0; i < count * kPixels; ++i) out[i] = value[bytes[i]];
  }
  return data;
}

DataSplit load(const Params& params, uint64_t /*seed*/) {
  check(params);
  return {load_split(params, train_files(params), "train_samples"),
          load_split(params, test_files(params), "test_samples")};
}

}  // namespace

Component<DatasetMaker> fashion_mnist_dataset() {
  return {
      "fashion-mnist",
      "Fashion-MNIST 28x28 grey images of 10 clothing classes (60000 train, 10000 test)",
      {
          text_param("dir", "/usr/share/datasets/fashion-mnist",
                     "directory of the IDX .gz files (Debian package dataset-fashion-mnist)"),
          bool_param("normalize", true,
                     "standardise pixels with the training mean 0.2860 and stddev 0.3530"),
          integer_param("train_samples", nullptr,
                        "use only the first N training samples (null: all)")
              .min(1)
              .optional(),
          integer_param("test_samples", nullptr, "use only the first N test samples (null: all)")
              .min(1)
              .optional(),
      },
      {check, load}};
}

}  // namespace dlsim
