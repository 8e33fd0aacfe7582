// The console's entry: defines every element. Chart.js loads later, with the report.
import './lg-console.js';
