#pragma once
// The stress tests in the workstation: the job (Run > Stress Tests) and its view.
