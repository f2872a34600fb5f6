# make bench-torch: mxLeakyReLU beside PyTorch's CPU build
# (tools/bench_torch.R): time and accuracy of every act type, forward and
# backward, double and float32, one thread and every core. Uses
# $MXLR_TORCH_PYTHON when set, else a venv in build/torchvenv made here from
# PyTorch's CPU wheel index (about 200 MB); where that cannot be made, the
# comparison is skipped with a message.
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu
.PHONY: bench-torch torch-venv
torch-venv:
	@if [ -z "$${MXLR_TORCH_PYTHON:-}" ] && [ ! -x build/torchvenv/bin/python ]; then \
	  echo "bench-torch: making build/torchvenv (torch from $(TORCH_INDEX))"; \
	  { python3 -m venv build/torchvenv.tmp && \
	    build/torchvenv.tmp/bin/pip install -q --index-url $(TORCH_INDEX) \
	      --extra-index-url https://pypi.org/simple torch && \
	    build/torchvenv.tmp/bin/pip install -q numpy mpmath && \
	    mv build/torchvenv.tmp build/torchvenv; } || \
	  { rm -rf build/torchvenv.tmp; echo "bench-torch: could not make the venv"; }; \
	fi

bench-torch: install torch-venv
	$(RSCRIPT) tools/bench_torch.R
