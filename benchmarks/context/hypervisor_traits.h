// HypervisorTraits(): what a virtual machine's hypervisor does that shows in
// timings, as far as the guest can read it, for the run context:
//
//   execbench_free_page_reporting  whether a virtio balloon reports free
//       memory to the hypervisor, which takes it back: the first touch of
//       such memory afterwards faults in the host, and large allocations
//       (huge pages, large page cache folios) land on it now and then
//       ("on", "off", or "no virtio balloon");
//   execbench_halt_poll_ns  how long an idle vCPU polls before it halts
//       (cpuidle-haltpoll's guest_halt_poll_ns), where that driver runs: at
//       0, waking an idle vCPU always goes through the hypervisor.
//
// On bare metal neither applies: the first says "no virtio balloon" and the
// second is left out. HypervisorContext() is the probe of the run context.

#ifndef EXECBENCH_BENCHMARKS_CONTEXT_HYPERVISOR_TRAITS_H_
#define EXECBENCH_BENCHMARKS_CONTEXT_HYPERVISOR_TRAITS_H_

#include "absl/strings/string_view.h"
#include "benchmarks/context/probe.h"

namespace execbench {

// Reads them from the sysfs tree at `sys_root`.
ContextEntries HypervisorTraits(absl::string_view sys_root);

// HypervisorTraits() of this machine's /sys.
ContextEntries HypervisorContext();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CONTEXT_HYPERVISOR_TRAITS_H_
