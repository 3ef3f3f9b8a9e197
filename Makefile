# The two commands: `make run` and `make test`. Both install what is missing, configure and build.
BUILD_DIR := build
JOBS ?= $(shell nproc)
CTEST_ARGS ?=

.PHONY: all deps configure build run test clean format tidy asan fuzz

all: build

deps:
	@bash installer/install-deps.sh

$(BUILD_DIR)/build.ninja: | deps
	cmake --preset default

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/app/tradelab --data data

test: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

asan: deps
	cmake --preset asan && cmake --build build-asan -j $(JOBS)
	cd build-asan && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS)

fuzz: deps
	cmake --preset fuzz && cmake --build build-fuzz -j $(JOBS)

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

tidy: build
	git ls-files 'engine/*.cpp' 'app/*.cpp' | xargs clang-tidy -p $(BUILD_DIR) --quiet

clean:
	rm -rf $(BUILD_DIR) build-asan build-fuzz
