/** Report building blocks: PNG charts in one style and the Markdown-to-HTML rendering of the reports. */
package org.vdpnet.validation.report;
