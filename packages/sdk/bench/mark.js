// Brackets the SDK's <script> so the benchmark can time its evaluation.
window.benchMarks = window.benchMarks || [];
window.benchMarks.push(performance.now());
if (window.benchMarks.length === 2)
  window.benchSdkEval = window.benchMarks[1] - window.benchMarks[0];
