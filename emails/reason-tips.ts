// One tip per flag reason, addressed to the candidate. Drawn from the recovery articles the product owner chose and
// written afresh; the headings are kinder than the recruiter-facing labels in app/models/enums.ts.
import type { FlagReason } from "../app/models/enums";

export type ReasonTip = { heading: string; tip: string };

export const reasonTips: Record<FlagReason, ReasonTip> = {
  late: {
    heading: "Getting there on time",
    tip:
      "A late start is the easiest thing to fix for next time. Plan the journey the evening before, know a second " +
      "way of getting there, and aim to be nearby fifteen minutes early. If something still goes wrong on the way, " +
      "phone ahead before the start time: a call made early comes across as considerate, not careless.",
  },
  appearance: {
    heading: "Feeling ready in what you wear",
    tip:
      "Lay out the whole outfit the night before and check it in good light for marks or creases, with a spare top " +
      "to hand for emergencies. There's no need to mention it in your follow-up: people remember what you said far " +
      "longer than what you wore.",
  },
  no_resume: {
    heading: "Your CV in hand",
    tip:
      "Put a few printed copies of your CV in a folder in your bag the night before, and keep a copy on your phone. " +
      "Attach a tidy copy to your thank-you email, so the interviewer has it in front of them after all.",
  },
  nerves: {
    heading: "Steadier answers",
    tip:
      "Nerves tend to come out as rushed or wandering answers. Practise out loud with a simple shape — the situation, " +
      "what you did, what came of it — in about two minutes. Taking a breath before you answer looks thoughtful, " +
      "not unsure.",
  },
  blanked: {
    heading: "When your mind goes blank",
    tip:
      "It happens to everyone. Next time it's fine to say \"Let me think about that for a moment\" or to ask for " +
      "the question again. For this one, your thank-you note can give, in two or three sentences, the answer you " +
      "would have liked to give.",
  },
  wrong_name: {
    heading: "Getting names right",
    tip:
      "Write down the name of everyone you'll meet, and check how to say them (we can help with that). If a name " +
      "slipped this time, one light sentence of apology in your note is plenty; then move on to why you want the job.",
  },
  unprepared: {
    heading: "Knowing the company",
    tip:
      "Give every interview an hour of reading first: the company's website, its recent news and the job " +
      "description, plus two questions of your own. In your follow-up, mention one specific thing you've learned " +
      "about them that makes you want the role: it shows the interest that didn't come across on the day.",
  },
  body_language: {
    heading: "How you come across",
    tip:
      "Sit up, keep your hands relaxed and look at whoever is asking the question. Smile as you arrive and as you " +
      "leave — even after an interview that felt bad, a warm, upright goodbye is what people remember.",
  },
  job_hopping: {
    heading: "Telling your career story",
    tip:
      "If much of the time went on why you left each job, the interviewer may wonder whether you'd stay. Keep each " +
      "reason for moving on to one positive sentence (\"I wanted more responsibility\") and spend the time on what " +
      "you achieved and why this role is somewhere you'd grow.",
  },
  no_examples: {
    heading: "Examples ready to use",
    tip:
      "Write down three or four achievements before the next conversation, with numbers where you can: time saved, " +
      "targets beaten, people trained. Having them on paper makes them easy to reach for when a question asks you " +
      "to prove a point.",
  },
  other: {
    heading: "Something we'll go through together",
    tip:
      "We noted something else worth working on. We'll talk it through on the phone: bring your own notes on what " +
      "you would do differently, and we'll turn them into a plan.",
  },
};
