"""torchrun, runnable where it is broken: ``python -m kd.torchrun --nproc_per_node=2 train.py``
takes torchrun's own arguments and runs torch's own launcher (torch.distributed.run).

Why: torch 1.13 (Debian bookworm's python3-torch) on Python 3.11 fails before starting any
process, in torch/distributed/elastic/multiprocessing/api.py ``to_map``:
``AttributeError: 'NoneType' object has no attribute 'get'`` (Python 3.11 changed IntFlag, and
the launcher's "no redirects" arrives as None). The fix is the one line later torch versions
carry: None means "redirect nothing". With a torch that has it, this is plain torchrun.
"""
from __future__ import annotations

import torch.distributed.elastic.multiprocessing as mp
import torch.distributed.elastic.multiprocessing.api as api
from torch.distributed.run import main

_to_map = api.to_map


def _to_map_none_safe(val_or_map, local_world_size: int):
    return _to_map(api.Std.NONE if val_or_map is None else val_or_map, local_world_size)


api.to_map = _to_map_none_safe
mp.to_map = _to_map_none_safe

if __name__ == "__main__":
    main()
