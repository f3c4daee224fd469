import { charterTextFromPlain } from '../../../core/charter';

/**
 * A second, clearly fictional proposal for the demo, submitted and under the Steering
 * Committee's review, so that a newcomer sees the review workflow at work.
 */
export const maritimeProposal = charterTextFromPlain({
  title: 'Study Group on Maritime Safety Cooperation in Northeast Asia (demo proposal)',
  shortTitle: 'Maritime Safety Cooperation (demo)',
  introduction: [
    'This fictional proposal is part of Accord’s demonstration data. It shows how a member committee puts a study group to the Steering Committee and how the Committee reviews it.',
    'Incidents at sea between coast guards, fishing fleets and navies are frequent in the waters of Northeast Asia, and the channels to manage them remain uneven. A study group would compare the arrangements that exist and ask which could be shared across the region.',
  ],
  principles: [],
  format: ['The study group would meet three times over eighteen months, with a final meeting devoted to drafting recommendations.'],
  objectives: [
    { label: 'a', text: 'To map the incident-management arrangements between maritime agencies in the region.' },
    { label: 'b', text: 'To identify practices that could be shared or joined.' },
    { label: 'c', text: 'To recommend steps that member governments could take together.' },
  ],
  anticipatedOutput: ['A memorandum with specific recommendations on maritime incident management, submitted to member governments.'],
  differsFromPrevious: ['It narrows the work of earlier maritime study groups to the everyday safety of vessels and crews.'],
  keyQuestions: [
    { number: 1, text: 'Which arrangements for managing incidents at sea work today, and why?' },
    { number: 2, text: 'What keeps them from being used more widely?' },
  ],
});
