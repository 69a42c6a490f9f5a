// @ts-check
/**
 * The JSON of `GET /api/journey/{customerId}` (docs/journey.md), as JSDoc
 * types for the journey page's modules.
 */

/**
 * @typedef {object} Develop
 * @property {'no_domains' | 'no_leads' | 'measured'} status
 * @property {string[]} domains
 * @property {number} visitors
 * @property {number} pageViews
 * @property {number} timeOnSiteMs
 * @property {number} downloads
 * @property {number} videoPlays
 * @property {number} returnVisits
 * @property {number} calculatorInteractionMs
 * @property {number} leads
 * @property {number} leadsWithoutValue
 * @property {{ currency: string | null, count: number, value: number }[]} leadValue
 * @property {{ leadId: string, calcId: string, receivedAtMs: number, company: string, value: number | null, currency: string | null }[]} recentLeads
 */
/**
 * @typedef {object} PipelineCase
 * @property {number | string} id
 * @property {string} title
 * @property {{ id: string, name: string }} customer
 * @property {string} step
 * @property {number | null} value
 * @property {string} currency
 * @property {{ reason: string } | null} dropped
 * @property {boolean} highLevelCasePositive
 * @property {boolean} detailedCasePositive
 */
/**
 * @typedef {object} Evaluate
 * @property {{ currency: string, steps: { step: string, measure: string, count: number, value: number }[], dropped: number, droppedValue: number }[]} measures
 * @property {{ cases: PipelineCase[] }} pipeline
 */
/**
 * @typedef {object} ChecklistList
 * @property {number | null} degree
 * @property {{ id: string, label: string, done: boolean, since: string | null }[]} items
 * @property {{ id: string, label: string }[]} missing
 */
/**
 * @typedef {object} Execute
 * @property {string} asOf
 * @property {ChecklistList} setup
 * @property {ChecklistList} execution
 * @property {number} outcomes
 * @property {number} outcomesMeasured
 */
/**
 * @typedef {object} Outcome
 * @property {string} id
 * @property {string} label
 * @property {string | null} unit
 * @property {string} direction
 * @property {number} baseline
 * @property {string} baselineDate
 * @property {number} target
 * @property {string} targetDate
 * @property {number | null} current
 * @property {number | null} progress
 * @property {string | null} status
 */
/**
 * @typedef {object} Prosper
 * @property {string} asOf
 * @property {{ annualValue: number, currency: string, contractStart: string, case: { id: number, revision: number } | null }} account
 * @property {{ stage: string | null, frozen: boolean, score: number | null, grade: string | null, coverage: number, changePrevious: number | null, change30Days: number | null, change90Days: number | null }} health
 * @property {Outcome[]} outcomes
 * @property {{ status: string, message?: string, periodsElapsed?: number, projectedToDate?: number, realisedToDate?: number, ratio?: number | null, currency?: string }} realised
 * @property {{ date: string, result: string, value: number }[]} renewals
 * @property {string | null} nextRenewal
 * @property {string | null} churnedOn
 */
/**
 * @typedef {object} Journey
 * @property {{ id: string, name: string, account: boolean }} customer
 * @property {Develop} develop
 * @property {Evaluate} evaluate
 * @property {Execute | null} execute
 * @property {Prosper | null} prosper
 */
/**
 * @typedef {object} Customer
 * @property {string} id
 * @property {string} name
 * @property {boolean} account
 * @property {number} cases
 */

export {};
