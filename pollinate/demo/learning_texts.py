"""What the demo's learners and guides write: goals, evidence, reflections, feedback, pathways.

Short, plausible and school-appropriate, written for middle-school students (the showcase school). Kept apart
from ``learning.py`` so the story there reads as a timeline.
"""

from __future__ import annotations

DISTRICT_GOAL = (
    "Every student reads widely and writes with confidence",
    "By June, 80% of students set and reach at least one reading or writing goal with their teacher, "
    "and every student keeps a portfolio of their best writing.",
)
SCHOOL_GOAL = (
    "Every student owns a learning goal and checks in on it every two weeks",
    "Students set goals with a teacher or mentor, track them with action steps and check-ins, and "
    "share progress with their families.",
)

# Academic goals by the subject of the class the learner shares with demo-teacher:
# (title, specific, measure, action steps).
ACADEMIC_GOALS: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {
    "English Language Arts": [
        ("Read four novels of my choice this semester", "Read one book a month outside class and log it.",
         "Four entries in my reading log, each with a short review.",
         ("Pick my first book from the class library", "Read 20 minutes before bed on school nights",
          "Write a review when I finish each book")),
        ("Write a persuasive essay with three strong reasons",
         "Plan, draft and revise an essay arguing for a later school start time.",
         "A final draft that scores 3 or higher on the argument rubric.",
         ("Find two sources that support my claim", "Draft my claim and three reasons",
          "Get peer feedback on my draft")),
        ("Use dialogue to bring my stories to life",
         "Add realistic dialogue to my narrative writing and punctuate it correctly.",
         "My next two stories have dialogue my peer reviewer says sounds real.",
         ("Study how my favorite author writes dialogue", "Rewrite one scene using only dialogue")),
    ],
    "Mathematics": [
        ("Master solving two-step equations", "Practice equations until I can solve them without notes.",
         "At least 8 of 10 right on the unit quiz.",
         ("Redo the practice set from Tuesday", "Go to math help on Thursdays", "Make a mistakes notebook")),
        ("Get faster and more accurate with fractions",
         "Practice fraction operations for ten minutes a day.", "Score 90% on the fractions check-up.",
         ("Make flash cards for common denominators", "Time myself on a practice sheet each Friday")),
    ],
    "Science": [
        ("Design and run my own science fair experiment",
         "Test whether the color of light changes how fast bean plants grow.",
         "A finished experiment with data for three weeks and a poster.",
         ("Write my hypothesis", "Plant and label the bean cups", "Measure the plants every other day")),
        ("Explain the water cycle in my own words", "Learn each stage well enough to teach it to someone.",
         "I can explain it to my little brother and answer his questions.",
         ("Draw a labeled diagram", "Teach it to someone at home")),
    ],
    "Social Studies": [
        ("Research how my town has changed in 100 years",
         "Compare old maps and photos of our town with today.",
         "A short presentation with at least five then-and-now comparisons.",
         ("Visit the library's local history shelf", "Interview a grandparent or neighbor")),
    ],
    "Physical Education": [
        ("Run a mile without stopping", "Build up my running three times a week.",
         "Finish the mile run in PE without walking.",
         ("Run-walk intervals on Monday, Wednesday, Friday", "Add one minute of running each week")),
    ],
    "World Languages": [
        ("Hold a two-minute conversation in Spanish",
         "Practice everyday phrases and talk with a partner each week.",
         "Talk for two minutes about my weekend with only a little help.",
         ("Learn ten new phrases a week", "Practice with my partner on Fridays")),
    ],
    "Fine Arts": [
        ("Finish a sketchbook of 20 observational drawings", "Draw something real from life twice a week.",
         "Twenty dated drawings and one I choose for the class show.",
         ("Carry my sketchbook every day", "Try shading with three different pencils")),
    ],
}

HABIT_GOALS = [
    ("Turn in every assignment on time for a month", "Write down assignments and check my planner every night.",
     "No late work on my progress report for four weeks.", ("Set a reminder at 7 pm", "Pack my bag the night before")),
    ("Ask at least one question in class every day", "Raise my hand when I don't understand something.",
     "A tally of my questions each day for three weeks.", ("Keep a tally card in my binder",)),
    ("Stay focused during independent reading time", "Choose a spot away from friends and put my phone away.",
     "I read at least 20 minutes without stopping, four days out of five.", ("Pick my reading spot",)),
]

PERSONAL_GOALS = [
    ("Join the robotics club and finish one build", "Go to every Wednesday meeting and help build the robot.",
     "Our team's robot competes at the spring showcase.", ("Sign up with Ms. Ortiz", "Learn the basics of the kit")),
    ("Make a new friend outside my usual group", "Sit with someone new at lunch once a week.",
     "I have someone new to hang out with by winter break.", ()),
    ("Practice piano for the spring recital", "Practice 20 minutes a day, five days a week.",
     "I play my recital piece all the way through without stopping.", ("Learn the left hand part first",)),
]

# demo-student's goal that a guide asked to sharpen, and what they said.
VAGUE_GOAL = ("Get better at math", "Try harder in math.")
VAGUE_COMMENTS = [
    "Love that you want to grow in math! What would “better” look like? Pick a unit, a quiz score or a skill "
    "so we both know when you get there.",
    "Good start. Can you make this more specific? Name one thing you will do each week and how you will know it "
    "is working.",
]
DRAFT_GOALS = [
    ("Learn 200 new Spanish words by spring", "Use a flash card app for ten minutes a day."),
    ("Read the whole Percy Jackson series", "One book every three weeks."),
    ("Keep my binder organized", "Clean it out every Friday."),
]
DROPPED_REASONS = [
    "The club moved to Tuesdays and I have practice then, so I am choosing a different goal.",
    "I switched to a new goal that fits better with my schedule.",
]

AGREE_COMMENTS = [
    "Great goal — specific and within reach. Let's check in every two weeks.",
    "Agreed! I like your action steps. Tell me if you get stuck.",
    "This is a strong goal. I'll look for your reading log on our next check-in.",
    "Yes! Let's start with the first step this week.",
]
PROPOSE_COMMENTS = ["Can we talk about this on Friday?", "", "I think I can do this by the end of the unit.", ""]
CHECK_IN_NOTES = [
    ("Finished my first book and wrote the review. The second one is slower.", "Try a shorter book next."),
    ("I kept up most days but missed two because of soccer.", "Read in the morning on game days."),
    ("Going well. I used the checklist and it helped.", "Share my draft with a partner."),
    ("Harder than I thought, but I'm getting there.", "Ask for help at lunch on Thursday."),
    ("I'm halfway there!", "Keep the same routine."),
]
GUIDE_CHECK_IN_NOTES = [
    ("Your reading log shows steady progress — nice work keeping it up.", "Choose book three by Friday."),
    ("You are on track. Your last essay shows the reasons are getting stronger.", "Add a counterargument."),
]
ACHIEVED_COMMENTS = ["I did it! Four weeks with no late work.", "Done — and I'm proud of this one."]

# Evidence: (kind, title, body or caption, link).
WRITING = [
    ("Book review: Wonder", "<p>Wonder is about Auggie, a boy who starts school for the first time in fifth grade. "
     "My favorite part is when Jack stands up for him.</p><p>I would give it 5 stars because it made me think "
     "about how I treat new kids.</p>"),
    ("My argument for a later start time", "<p>School should start at 9:00 instead of 7:45. Teenagers need more "
     "sleep, students would be more awake in first period, and fewer kids would be late.</p>"),
    ("Journal: the first week of my reading goal", "<p>I read every night this week except Thursday. It was easier "
     "when I left the book on my pillow so I would see it.</p>"),
    ("Lab notes: bean plants, week 2", "<p>The plants under blue light are 2 cm taller than the ones under red "
     "light. One cup got knocked over, so I restarted it.</p>"),
    ("Summary: the causes of the American Revolution", "<p>Taxes without representation, the Boston Massacre "
     "and the Intolerable Acts made colonists angry enough to fight.</p>"),
    ("How I solved the bake sale problem", "<p>I set up the equation 2x + 15 = 75 and solved for x. Each tray "
     "needed 30 cookies. I checked by putting 30 back into the equation.</p>"),
    ("Poem: Saturday Morning", "<p>The kitchen smells like pancakes,<br>my sister hums off-key,<br>the dog waits "
     "under the table<br>for whatever falls to me.</p>"),
    ("Reflection on my mile run", "<p>I ran the whole mile for the first time! My time was 11:42. Breathing "
     "slower in the second lap helped.</p>"),
]
LINKS = [
    ("My slideshow on the water cycle", "Made with my group for the science unit.",
     "https://docs.example.org/presentation/water-cycle-group-3"),
    ("Podcast: interview with a Greek hero", "I played Perseus and my friend asked the questions.",
     "https://audio.example.org/episodes/interview-with-perseus"),
    ("Reading log spreadsheet", "Every book I read this semester, with dates and ratings.",
     "https://sheets.example.org/reading-log-2026"),
    ("Our class newspaper article", "I wrote the sports section this month.",
     "https://news.example.org/room-101/november"),
    ("Video: my stop-motion myth", "Pandora's box with clay figures, 45 seconds.",
     "https://video.example.org/watch/pandora-stop-motion"),
]
FEEDBACK_ON_EVIDENCE = [
    "Your reasons are clear and you used evidence from both sources. Next time, try a stronger hook in the "
    "first sentence.",
    "I love how honest this is. What will you try next week so Thursday goes better?",
    "Great detail in your observations. Add the date to each measurement so your graph is accurate.",
    "This shows real growth since September. Your ending made me smile.",
    "Nice work checking your answer. Can you show a second way to solve it?",
]
FEEDBACK_ON_REFLECTION = [
    "Thank you for sharing this. Noticing what gets in the way is the first step to fixing it.",
    "Great insight! Let's use that idea in our next check-in.",
]

# Reflections: stem → answers.
REFLECTIONS = {
    "what": ["I'm learning how to back up an argument with evidence instead of just my opinion.",
             "How to find the main idea of a chapter and say it in one sentence."],
    "why": ["Because when I can explain my ideas clearly, people actually listen to them.",
            "I want to be a scientist, so I need to know how to set up a fair test."],
    "how_know": ["My last two quizzes went from 6 to 8 out of 10.",
                 "I could explain it to my partner without looking at my notes."],
    "next": ["I want to try writing a short story with a twist ending.",
             "Next I'll practice the harder problems with negative numbers."],
    "helped": ["Reading out loud to my mom helped me hear where my sentences were confusing.",
               "The worked examples on the board helped me see each step."],
    "in_the_way": ["I got distracted by my phone when I did homework in my room. I'll leave it in the kitchen.",
                   "I didn't understand the directions and was too embarrassed to ask."],
}

PROFILE = {
    "access_strengths": "I understand things best when I see an example first.",
    "access_challenges": "Long pages of small print are hard for me to get through.",
    "access_preferences": "Diagrams, videos, and reading with a partner.",
    "access_needs": "Directions written down as well as said out loud.",
    "engage_strengths": "I get really into projects where I can choose the topic.",
    "engage_challenges": "I lose focus when it is noisy.",
    "engage_preferences": "Working with one partner rather than a big group.",
    "engage_needs": "A quiet spot for independent reading.",
    "express_strengths": "Drawing and explaining out loud.",
    "express_challenges": "Getting my ideas down in writing quickly.",
    "express_preferences": "Comics, slideshows, and recordings.",
    "express_needs": "Time to plan before I write.",
    "interests": "Greek myths, robotics, soccer, drawing comics.",
    "talents": "I'm good at drawing characters and at building things with Lego.",
    "aspirations": "I want to be an engineer or make animated movies.",
    "story": "I moved here in fourth grade. I have a younger brother and a dog named Biscuit. "
             "I like school most when we get to make something.",
}
TEACHER_PROFILE_NOTE = "Responds well to checklists and a quick check-in at the start of writing time."

INQUIRY = {
    "question": "Do I remember more when I read on paper or on a screen?",
    "plan": "Read two short articles of the same length, one on paper and one on a tablet. Answer five "
            "questions about each the next day. Ask three classmates to do the same.",
    "sources": [
        ("Library article: reading on screens vs. paper", "https://library.example.org/articles/paper-or-screen",
         "Some studies found people remember more from paper, especially for longer texts."),
        ("Interview with our school librarian", "",
         "She said a lot of students skim on screens and read more slowly on paper."),
    ],
    "findings": "<p>Three of the four of us got more questions right after reading on paper (average 4.3 "
                "vs. 3.5). It's a small test, but I'm going to print long readings when I can.</p>",
}
ESSENTIAL_QUESTION = "How do the myths we tell explain the world around us?"
ESSENTIAL_PLAN = "Compare a Greek myth and a myth from my family's culture about how the seasons began."
ACTION_RESEARCH = {
    "question": "Does a choice board raise on-time work in my Period 1 class?",
    "plan": "Compare the share of on-time work in the unit before the choice board with the unit that uses it; "
            "ask students in a short survey what made the difference.",
}

PRO_GOAL = ("Hold a writing conference with every Period 1 student every two weeks",
            "Meet each student for five minutes during writing time using a conference checklist.",
            "My conference log shows every student met twice a month, and revision rates go up.")
COACHEE_GOAL = ("Use exit tickets to adjust the next day's lesson",
                "End three lessons a week with a one-question exit ticket and sort the answers that afternoon.",
                "Next-day plans show a change based on exit tickets at least twice a week.",
                ("Write exit tickets for the fractions unit", "Try the sorting routine with my coach"))

BOARD = {
    "title": "Show what you know: Myths and Legends",
    "instructions": "Choose two activities. Each one should show what a myth explains about the world.",
    "activities": [
        ("Retell a myth as a comic strip", "Six to nine panels; keep the main events in order.", "product",
         ["drawing", "photo"]),
        ("Write a news report about a mythical event", "Who, what, when, where, why — as if it just happened.",
         "product", ["writing"]),
        ("Record an interview with a mythical character", "Two to three minutes, with a partner.", "product",
         ["audio", "video"]),
        ("Compare two creation myths", "Use a Venn diagram or a chart to show what is alike and different.",
         "process", ["writing", "drawing"]),
        ("Design a museum card for a mythical creature", "Picture, name, origin, and three facts.", "content",
         []),
    ],
    "proposal": ("Make a stop-motion video of Pandora's box", "Clay figures and my phone, about 45 seconds."),
    "other_proposal": ("Write a song about Persephone", "Verses about the seasons and a chorus."),
}
PLAYLIST = {
    "title": "Persuasive writing, step by step",
    "instructions": "Work through these in order. Mark each one done before you start the next.",
    "activities": [
        ("Watch: what makes an argument convincing", "Take notes on claim, reasons and evidence.", "content", []),
        ("Find two sources and take notes", "Use the library databases; write down where each fact came from.",
         "process", ["writing", "link"]),
        ("Draft your claim and three reasons", "One paragraph for each reason, with evidence.", "product",
         ["writing"]),
        ("Peer review and final draft", "Use the checklist with a partner, then revise.", "process", ["writing"]),
    ],
}
