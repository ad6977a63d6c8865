//! The cluster's year as deadlines (seed 001 §A.II, §B.II, §C.4): each deadline as data with
//! the clause it comes from, quoted; where the product had to choose a reading of the text, the
//! reading is stated ([`Deadline::interpretation`]), as award rules do.
//!
//! [`calendar`] lists each deadline of a year with its status (due, done, late) from the
//! meetings and the dates on which the other tasks were done, as of a day passed in; and
//! [`check_plan`] warns when a meeting's planned date breaks a rule, naming the rule and its
//! citation. Both are pure: the day is passed in, nothing is read or stored here.
//!
//! A meeting fulfils its deadline when it is *held*: closed with its quorum
//! ([`Meeting::held`]). A meeting closed without a quorum did not take place as a session (seed
//! 001 §A.I.3) and is left out, both as a fulfilment and as the year-end date others depend on.
//!
//! - `deadline.rs`: the deadlines as cited data (who, when, the clause, this product's reading);
//! - `status.rs`: the dates of the tasks that are not meetings, and [`calendar`]: each deadline's
//!   status as of a day;
//! - `plan.rs`: [`check_plan`] and its [`Warning`]s on a meeting's planned date;
//! - `days.rs`: day arithmetic on `Date`.
//!
//! [`Meeting::held`]: crate::engine::meeting::Meeting::held

mod days;
mod deadline;
mod plan;
mod status;

pub use days::{add_days, day_number, from_day_number};
pub use deadline::{deadlines, Actor, Deadline, DeadlineId, When};
pub use plan::{check_plan, Warning};
pub use status::{calendar, meeting_of, year_end_date, DeadlineStatus, Status, TaskDates};
